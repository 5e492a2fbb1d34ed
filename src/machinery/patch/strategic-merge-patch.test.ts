import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ANY_NODE, type SchemaNode } from '../schema-node.js';
import type { JsonObject } from './json-value.js';
import { catchStatus, deepFreeze } from './patch-test-support.js';
import { checkStrategicPatchBody, strategicMergePatch } from './strategic-merge-patch.js';

const scalar: SchemaNode = { type: 'scalar' };
const stringMap: SchemaNode = { type: 'map', items: scalar };
const atomicList = (items: SchemaNode): SchemaNode => ({ type: 'list', items });
const mergeList = (items: SchemaNode, patchMergeKey?: string, patchStrategy = 'merge'): SchemaNode => ({
  type: 'list',
  items,
  patchStrategy,
  ...(patchMergeKey === undefined ? {} : { patchMergeKey }),
});
function struct(fields: Record<string, SchemaNode>, meta: Partial<SchemaNode> = {}): SchemaNode {
  return { type: 'struct', ...meta, field: (name) => (Object.hasOwn(fields, name) ? fields[name] : undefined) };
}

/** The shapes of a Deployment that kubectl's strategic merge patches touch, with upstream's patch metadata. */
const container = struct({
  name: scalar,
  image: scalar,
  args: atomicList(scalar),
  env: mergeList(
    struct({ name: scalar, value: scalar, valueFrom: struct({ fieldRef: struct({ fieldPath: scalar }) }) }),
    'name',
  ),
  ports: mergeList(struct({ containerPort: scalar, protocol: scalar, name: scalar }), 'containerPort'),
  resources: struct({ limits: stringMap, requests: stringMap }),
});
const volume = struct({ name: scalar, configMap: struct({ name: scalar }), emptyDir: struct({ medium: scalar }) });
const podSpec = struct({
  containers: mergeList(container, 'name'),
  volumes: mergeList(volume, 'name', 'merge,retainKeys'),
  tolerations: atomicList(struct({ key: scalar, operator: scalar, effect: scalar })),
  nodeSelector: stringMap,
});
const objectMeta = struct({
  name: scalar,
  labels: stringMap,
  annotations: stringMap,
  finalizers: mergeList(scalar),
});
const deployment = struct({
  metadata: objectMeta,
  spec: struct({
    replicas: scalar,
    strategy: struct(
      { type: scalar, rollingUpdate: struct({ maxSurge: scalar, maxUnavailable: scalar }) },
      { patchStrategy: 'retainKeys' },
    ),
    template: struct({ metadata: objectMeta, spec: podSpec }),
  }),
});

const app = {
  name: 'app',
  image: 'x:1',
  ports: [{ containerPort: 80, protocol: 'TCP' }],
  env: [{ name: 'A', value: '1' }],
};
const sidecar = { name: 'sidecar', image: 'proxy:1' };
/** A Deployment as the server stores it. */
const stored = {
  metadata: { name: 'web', labels: { app: 'web', tier: 'fe' }, finalizers: ['a', 'b', 'c'] },
  spec: {
    replicas: 2,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [app, sidecar],
        volumes: [{ name: 'cfg', configMap: { name: 'web-config' } }],
        tolerations: [{ key: 'k', operator: 'Exists' }],
        nodeSelector: { disk: 'ssd' },
      },
    },
  },
};

/** The stored Deployment with its pod spec changed. */
const withPodSpec = (spec: JsonObject): unknown => ({
  ...stored,
  spec: { ...stored.spec, template: { ...stored.spec.template, spec: { ...stored.spec.template.spec, ...spec } } },
});
const podPatch = (spec: JsonObject): JsonObject => ({ spec: { template: { spec } } });

describe('strategic merge patch: what kubectl sends', () => {
  const cases: { name: string; patch: JsonObject; want: unknown }[] = [
    {
      name: 'kubectl set image changes the named container and keeps the rest of it and the others',
      patch: podPatch({ containers: [{ name: 'app', image: 'x:2' }] }),
      want: withPodSpec({ containers: [{ ...app, image: 'x:2' }, sidecar] }),
    },
    {
      name: 'kubectl set image on the second container keeps the order',
      patch: podPatch({ containers: [{ name: 'sidecar', image: 'proxy:2' }] }),
      want: withPodSpec({ containers: [app, { ...sidecar, image: 'proxy:2' }] }),
    },
    {
      name: 'a container the server lacks goes first when no order is given, as upstream puts it',
      patch: podPatch({ containers: [{ name: 'new', image: 'n:1' }] }),
      want: withPodSpec({ containers: [{ name: 'new', image: 'n:1' }, app, sidecar] }),
    },
    {
      name: '$setElementOrder/containers puts a new container where kubectl wants it',
      patch: podPatch({
        '$setElementOrder/containers': [{ name: 'app' }, { name: 'sidecar' }, { name: 'new' }],
        containers: [{ name: 'new', image: 'n:1' }],
      }),
      want: withPodSpec({ containers: [app, sidecar, { name: 'new', image: 'n:1' }] }),
    },
    {
      name: '$setElementOrder/containers alone reorders the server containers',
      patch: podPatch({ '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'app' }] }),
      want: withPodSpec({ containers: [sidecar, app] }),
    },
    {
      name: '$patch: delete removes the container with that name',
      patch: podPatch({ containers: [{ name: 'sidecar', $patch: 'delete' }] }),
      want: withPodSpec({ containers: [app] }),
    },
    {
      name: 'kubectl apply removing a container sends the delete with the new order',
      patch: podPatch({
        '$setElementOrder/containers': [{ name: 'app' }],
        containers: [{ $patch: 'delete', name: 'sidecar' }],
      }),
      want: withPodSpec({ containers: [app] }),
    },
    {
      name: '$patch: replace in a list makes the patch elements the whole list',
      patch: podPatch({ containers: [{ $patch: 'replace' }, { name: 'only', image: 'o:1' }] }),
      want: withPodSpec({ containers: [{ name: 'only', image: 'o:1' }] }),
    },
    {
      name: 'env merges by name inside the merged container, a new variable after the changed one',
      patch: podPatch({
        containers: [
          {
            name: 'app',
            env: [
              { name: 'A', value: '2' },
              { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
            ],
          },
        ],
      }),
      want: withPodSpec({
        containers: [
          {
            ...app,
            env: [
              { name: 'A', value: '2' },
              { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
            ],
          },
          sidecar,
        ],
      }),
    },
    {
      name: 'ports merge by containerPort',
      patch: podPatch({ containers: [{ name: 'app', ports: [{ containerPort: 80, name: 'http' }] }] }),
      want: withPodSpec({
        containers: [{ ...app, ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }] }, sidecar],
      }),
    },
    {
      name: 'null in an env element deletes that member only',
      patch: podPatch({ containers: [{ name: 'app', env: [{ name: 'A', value: null }] }] }),
      want: withPodSpec({ containers: [{ ...app, env: [{ name: 'A' }] }, sidecar] }),
    },
    {
      name: 'a list without a merge strategy is replaced',
      patch: podPatch({ tolerations: [{ key: 'other', operator: 'Equal' }] }),
      want: withPodSpec({ tolerations: [{ key: 'other', operator: 'Equal' }] }),
    },
    {
      name: 'maps merge key by key',
      patch: podPatch({ nodeSelector: { zone: 'a' } }),
      want: withPodSpec({ nodeSelector: { disk: 'ssd', zone: 'a' } }),
    },
    {
      name: 'null deletes a whole field',
      patch: podPatch({ nodeSelector: null }),
      want: (() => {
        const { nodeSelector: _, ...rest } = stored.spec.template.spec;
        return { ...stored, spec: { ...stored.spec, template: { ...stored.spec.template, spec: rest } } };
      })(),
    },
    {
      name: 'kubectl apply switching a volume to emptyDir retains only the listed keys of the element',
      patch: podPatch({
        '$setElementOrder/volumes': [{ name: 'cfg' }],
        volumes: [{ $retainKeys: ['emptyDir', 'name'], emptyDir: {}, name: 'cfg' }],
      }),
      want: withPodSpec({ volumes: [{ name: 'cfg', emptyDir: {} }] }),
    },
    {
      name: 'a new field is cleaned of directives and nulls before it is stored',
      patch: podPatch({
        containers: [{ name: 'app', resources: { limits: { cpu: '1', memory: null } } }],
      }),
      want: withPodSpec({ containers: [{ ...app, resources: { limits: { cpu: '1' } } }, sidecar] }),
    },
  ];
  for (const c of cases) {
    test(c.name, () =>
      assert.deepEqual(strategicMergePatch(deepFreeze(stored), deepFreeze(c.patch), deployment), c.want),
    );
  }
});

describe('strategic merge patch: metadata, strategy and directives on maps', () => {
  const meta = (metadata: JsonObject): unknown => ({ ...stored, metadata: { ...stored.metadata, ...metadata } });
  const strategyOf = (strategy: JsonObject): unknown => ({ ...stored, spec: { ...stored.spec, strategy } });
  const cases: { name: string; patch: JsonObject; want: unknown }[] = [
    {
      name: 'labels merge key by key and null deletes one',
      patch: { metadata: { labels: { tier: null, env: 'prod' } } },
      want: meta({ labels: { app: 'web', env: 'prod' } }),
    },
    {
      name: '$patch: replace on a map makes the patch the whole map',
      patch: { metadata: { labels: { $patch: 'replace', only: 'x' } } },
      want: meta({ labels: { only: 'x' } }),
    },
    {
      name: '$patch: delete on a map empties it',
      patch: { metadata: { labels: { $patch: 'delete' } } },
      want: meta({ labels: {} }),
    },
    {
      name: 'a primitive list with merge strategy is a union',
      patch: { metadata: { finalizers: ['c', 'd'] } },
      want: meta({ finalizers: ['a', 'b', 'c', 'd'] }),
    },
    {
      name: '$deleteFromPrimitiveList/finalizers removes only those',
      patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } },
      want: meta({ finalizers: ['a', 'c'] }),
    },
    {
      name: 'kubectl apply removing a finalizer sends the deletion with the new order',
      patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'], '$setElementOrder/finalizers': ['a', 'c'] } },
      want: meta({ finalizers: ['a', 'c'] }),
    },
    {
      name: '$setElementOrder/finalizers places an added finalizer',
      patch: { metadata: { '$setElementOrder/finalizers': ['z', 'a', 'b', 'c'], finalizers: ['z'] } },
      want: meta({ finalizers: ['z', 'a', 'b', 'c'] }),
    },
    {
      name: 'deleting from a list the object does not have changes nothing',
      patch: { spec: { template: { metadata: { '$deleteFromPrimitiveList/finalizers': ['x'] } } } },
      want: stored,
    },
    {
      name: '$retainKeys drops rollingUpdate when kubectl apply switches to Recreate',
      patch: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
      want: strategyOf({ type: 'Recreate' }),
    },
    {
      name: '$retainKeys keeps the listed members and merges the patch into them',
      patch: { spec: { strategy: { $retainKeys: ['rollingUpdate', 'type'], rollingUpdate: { maxSurge: '50%' } } } },
      want: strategyOf({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '50%', maxUnavailable: '25%' } }),
    },
    {
      name: 'a top-level $patch: replace replaces the whole object',
      patch: { $patch: 'replace', metadata: { name: 'other' } },
      want: { metadata: { name: 'other' } },
    },
  ];
  for (const c of cases) {
    test(c.name, () =>
      assert.deepEqual(strategicMergePatch(deepFreeze(stored), deepFreeze(c.patch), deployment), c.want),
    );
  }
});

describe('strategic merge patch: where the schema knows nothing it is a JSON merge patch', () => {
  const cases: { name: string; original: unknown; patch: JsonObject; schema: SchemaNode; want: unknown }[] = [
    {
      name: 'an any root replaces lists and merges objects',
      original: { a: [1, 2], b: { c: 1 } },
      patch: { a: [3], b: { d: 2, c: null } },
      schema: ANY_NODE,
      want: { a: [3], b: { d: 2 } },
    },
    {
      name: 'an any root keeps directive names as plain members',
      original: { labels: { a: '1' } },
      patch: { labels: { $patch: 'delete' } },
      schema: ANY_NODE,
      want: { labels: { a: '1', $patch: 'delete' } },
    },
    {
      name: 'a member the schema does not declare merges like a merge patch',
      original: { metadata: { name: 'x' }, extra: { list: [{ name: 'a', v: 1 }] } },
      patch: { extra: { list: [{ name: 'a', w: 2 }] } },
      schema: deployment,
      want: { metadata: { name: 'x' }, extra: { list: [{ name: 'a', w: 2 }] } },
    },
    {
      name: 'a null patch changes nothing',
      original: { a: 1 },
      patch: null as unknown as JsonObject,
      schema: deployment,
      want: { a: 1 },
    },
  ];
  for (const c of cases) {
    test(c.name, () =>
      assert.deepEqual(strategicMergePatch(deepFreeze(c.original), deepFreeze(c.patch), c.schema), c.want),
    );
  }
});

describe('strategic merge patch: errors as kube-apiserver answers them', () => {
  const cases: { name: string; patch: JsonObject; original?: unknown; code: number; message: string }[] = [
    {
      name: 'a container without its merge key is a 500 with upstream text',
      patch: podPatch({ containers: [{ image: 'x' }] }),
      code: 500,
      message: 'map: map[image:x] does not contain declared merge key: name',
    },
    {
      name: '$patch: merge on a list element is refused',
      patch: podPatch({ containers: [{ name: 'app', $patch: 'merge' }] }),
      code: 500,
      message: 'merging lists cannot yet be specified in the patch',
    },
    {
      name: 'an unknown $patch on a map is refused',
      patch: { metadata: { labels: { $patch: 'frob' } } },
      code: 500,
      message: 'unknown patch type: frob in map: map[$patch:frob]',
    },
    {
      name: '$retainKeys that is not a list is 400',
      patch: { spec: { strategy: { $retainKeys: 'type', type: 'Recreate' } } },
      code: 400,
      message: 'invalid patch format of retainKeys',
    },
    {
      name: 'a patched member missing from $retainKeys is 400',
      patch: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: {} } } },
      code: 400,
      message: 'invalid patch format of retainKeys',
    },
    {
      name: '$setElementOrder without a field name is 400',
      patch: podPatch({ $setElementOrder: [{ name: 'app' }] }),
      code: 400,
      message: 'invalid patch format of setElementOrder list',
    },
    {
      name: '$deleteFromPrimitiveList with a value that is not a list is 400',
      patch: { metadata: { '$deleteFromPrimitiveList/finalizers': 'a' } },
      code: 400,
      message: 'invalid patch format of primitive list',
    },
    {
      name: 'a list of lists is 422 with the generic message',
      original: { metadata: { finalizers: [] } },
      patch: { metadata: { finalizers: [['a']] } },
      code: 422,
      message: 'the server rejected our request due to an error in our request',
    },
    {
      name: 'elements of different types are a 500',
      patch: { metadata: { finalizers: [1] } },
      code: 500,
      message: 'list element types are not identical: [[a b c] [1]]',
    },
    {
      name: 'patch elements in an order $setElementOrder contradicts are a 500',
      patch: podPatch({
        '$setElementOrder/containers': [{ name: 'app' }, { name: 'sidecar' }],
        containers: [{ name: 'sidecar' }, { name: 'app' }],
      }),
      code: 500,
      message:
        "The order in patch list:\n[map[name:sidecar] map[name:app]]\n doesn't match $setElementOrder list:\n[map[name:app] map[name:sidecar]]\n",
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const err = catchStatus(() =>
        strategicMergePatch(deepFreeze(c.original ?? stored), deepFreeze(c.patch), deployment),
      );
      assert.equal(err.code, c.code);
      assert.equal(err.status.message, c.message);
      if (c.code === 500) assert.equal(err.reason, undefined);
    });
  }

  test('a body that is not an object is 400 as the decoder words it', () => {
    const err = catchStatus(() => checkStrategicPatchBody([{ a: 1 }]));
    assert.equal(err.code, 400);
    assert.equal(err.status.message, 'json: cannot unmarshal array into Go value of type map[string]interface {}');
  });
});
