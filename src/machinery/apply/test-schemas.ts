/**
 * Hand-built schema nodes for the apply tests, shaped like the built-in kinds' OpenAPI (list types, map
 * keys, atomic structs) for the fields the tests touch: Deployment, Pod template, Service, ConfigMap.
 */
import { ANY_NODE, type SchemaNode } from '../schema-node.js';

const scalar: SchemaNode = { type: 'scalar' };
const stringMap: SchemaNode = { type: 'map', items: scalar };
const atomicStringMap: SchemaNode = { type: 'map', items: scalar, mapType: 'atomic' };

function struct(fields: Record<string, SchemaNode>, extra: Partial<SchemaNode> = {}): SchemaNode {
  return {
    type: 'struct',
    ...extra,
    field: (name) => (Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : undefined),
  };
}

const listMap = (items: SchemaNode, keys: string[]): SchemaNode => ({
  type: 'list',
  items,
  listType: 'map',
  listMapKeys: keys,
  patchStrategy: 'merge',
  patchMergeKey: keys[0] as string,
});

const ownerReference = struct({ apiVersion: scalar, kind: scalar, name: scalar, uid: scalar, controller: scalar });

export const objectMeta = struct({
  name: scalar,
  generateName: scalar,
  namespace: scalar,
  uid: scalar,
  resourceVersion: scalar,
  generation: scalar,
  creationTimestamp: scalar,
  labels: stringMap,
  annotations: stringMap,
  finalizers: { type: 'list', items: scalar, listType: 'set', patchStrategy: 'merge' },
  ownerReferences: listMap(ownerReference, ['uid']),
  managedFields: { type: 'list', items: ANY_NODE, listType: 'atomic' },
});

const containerPort = struct({ name: scalar, containerPort: scalar, protocol: scalar, hostPort: scalar });
const envVar = struct({ name: scalar, value: scalar });

const container = struct({
  name: scalar,
  image: scalar,
  imagePullPolicy: scalar,
  command: { type: 'list', items: scalar, listType: 'atomic' },
  args: { type: 'list', items: scalar, listType: 'atomic' },
  ports: listMap(containerPort, ['containerPort', 'protocol']),
  env: listMap(envVar, ['name']),
  resources: struct({ limits: stringMap, requests: stringMap }),
  terminationMessagePath: scalar,
});

const toleration = struct({ key: scalar, operator: scalar, value: scalar, effect: scalar });

export const podSpec = struct({
  containers: listMap(container, ['name']),
  hostname: scalar,
  nodeSelector: atomicStringMap,
  // No list type: a list of structs without a merge key is atomic by upstream's defaults.
  tolerations: { type: 'list', items: toleration },
  restartPolicy: scalar,
});

const labelSelector = struct({ matchLabels: stringMap }, { mapType: 'atomic' });

const condition = struct({ type: scalar, status: scalar, reason: scalar, message: scalar });

export const deploymentSchema = struct({
  apiVersion: scalar,
  kind: scalar,
  metadata: objectMeta,
  spec: struct({
    replicas: scalar,
    paused: scalar,
    selector: labelSelector,
    strategy: struct({ type: scalar, rollingUpdate: struct({ maxSurge: ANY_NODE, maxUnavailable: ANY_NODE }) }),
    template: struct({ metadata: objectMeta, spec: podSpec }),
  }),
  status: struct({
    replicas: scalar,
    readyReplicas: scalar,
    conditions: listMap(condition, ['type']),
  }),
});

export const podSchema = struct({ apiVersion: scalar, kind: scalar, metadata: objectMeta, spec: podSpec });

const servicePort = struct({ name: scalar, port: scalar, protocol: scalar, targetPort: ANY_NODE });

export const serviceSchema = struct({
  apiVersion: scalar,
  kind: scalar,
  metadata: objectMeta,
  spec: struct({ type: scalar, selector: atomicStringMap, ports: listMap(servicePort, ['port', 'protocol']) }),
});

export const configMapSchema = struct({
  apiVersion: scalar,
  kind: scalar,
  metadata: objectMeta,
  data: stringMap,
  immutable: scalar,
});

/** A minimal Deployment configuration with one container `app`. */
export function deployment(
  spec: Record<string, unknown> = {},
  metadata: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', ...metadata },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'app', image: 'nginx:1' }] },
      },
      ...spec,
    },
  };
}
