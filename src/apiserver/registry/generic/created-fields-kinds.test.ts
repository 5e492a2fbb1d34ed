/**
 * The direct walk that records a create's fields (machinery/apply/created-fields.ts) against the general
 * ownership algorithm, under the served kinds' own schemas: a defaulted object of each kind below, and a few
 * hundred variants of each, must get the same managedFields both ways.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { ALL_KINDS } from '../../../api/kinds.js';
import { applyDefaults } from '../../../api/schema/defaults.js';
import { apiVersionOf, type KindDefinition } from '../../../api/schema/kind.js';
import { schemaNode } from '../../../api/schema/schema-node.js';
import { createdBothWays, variantOf } from '../../../machinery/apply/created-fields-check.js';
import type { JsonObject } from '../../../machinery/patch/json-value.js';
import { seededRandom } from '../../../machinery/testing/seeded-random.js';

const container = (name: string): JsonObject => ({
  name,
  image: 'busybox:1.36',
  command: ['sleep', '3600'],
  ports: [
    { containerPort: 8080, name: 'http' },
    { containerPort: 53, protocol: 'UDP' },
  ],
  env: [
    { name: 'A', value: '1' },
    { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
  ],
  resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
  volumeMounts: [{ name: 'data', mountPath: '/data' }],
  readinessProbe: { httpGet: { path: '/', port: 8080 } },
});

const podSpec = (): JsonObject => ({
  containers: [container('app'), container('side')],
  initContainers: [{ name: 'init', image: 'busybox:1.36' }],
  volumes: [
    { name: 'data', emptyDir: {} },
    { name: 'cfg', configMap: { name: 'c', items: [{ key: 'k', path: 'p' }] } },
  ],
  nodeSelector: { disk: 'ssd' },
  tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }],
  affinity: {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' },
      ],
    },
  },
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }],
});

const meta = (name: string): JsonObject => ({
  name,
  namespace: 'default',
  labels: { app: 'web' },
  annotations: { note: 'n' },
  finalizers: ['example.com/f'],
  ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u1', controller: true }],
});

/** Objects of some kinds, by `group/kind`. */
const OBJECTS: Record<string, JsonObject> = {
  '/Pod': {
    metadata: meta('p'),
    spec: podSpec(),
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], podIPs: [{ ip: '10.0.0.1' }] },
  },
  '/Event': {
    metadata: { name: 'p.1', namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'p', namespace: 'default', uid: 'u' },
    reason: 'Scheduled',
    message: 'Successfully assigned default/p to n1',
    type: 'Normal',
    source: { component: 'default-scheduler' },
    count: 1,
  },
  '/Node': {
    metadata: { name: 'n1', labels: { 'kubernetes.io/hostname': 'n1' } },
    spec: { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }], podCIDRs: ['10.0.0.0/24'] },
    status: {
      capacity: { cpu: '4', memory: '16Gi', pods: '110' },
      allocatable: { cpu: '4', memory: '16Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True' }],
      addresses: [{ type: 'InternalIP', address: '10.1.0.1' }],
    },
  },
  '/Service': {
    metadata: meta('s'),
    spec: {
      selector: { app: 'web' },
      ports: [
        { port: 80, targetPort: 'http' },
        { port: 53, protocol: 'UDP' },
      ],
    },
  },
  '/ConfigMap': { metadata: meta('c'), data: { a: '1', b: '2' } },
  'apps/Deployment': {
    metadata: meta('d'),
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: podSpec() },
    },
  },
  'batch/Job': {
    metadata: meta('j'),
    spec: { template: { spec: { ...podSpec(), restartPolicy: 'Never' } }, backoffLimit: 2 },
  },
  'discovery.k8s.io/EndpointSlice': {
    metadata: meta('e'),
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true } }],
    ports: [{ name: 'http', port: 80 }],
  },
};

const kindOf = (key: string): KindDefinition => {
  const [group, kind] = key.split('/');
  const found = ALL_KINDS.find((k) => k.group === group && k.kind === kind);
  if (found === undefined) throw new Error(`no kind ${key}`);
  return found;
};

describe('a create’s fields under the served kinds’ schemas', () => {
  for (const [key, body] of Object.entries(OBJECTS)) {
    test(`${key}: a defaulted object and 300 variants record the same entries both ways`, () => {
      const kind = kindOf(key);
      const object: JsonObject = { apiVersion: apiVersionOf(kind), kind: kind.kind, ...structuredClone(body) };
      applyDefaults(object, kind.schema);
      kind.defaults?.(object);
      const c = {
        schema: schemaNode(kind.schema),
        apiVersion: apiVersionOf(kind),
        ...(kind.subresources?.status ? { resetFields: [['status']] } : {}),
      };
      const [general, direct] = createdBothWays(object, c);
      assert.equal(direct, general);
      assert.notEqual(direct, '[]', 'the object owns something');
      const next = seededRandom(key.length * 101);
      for (let i = 0; i < 300; i++) {
        const variant = variantOf(object, next);
        const [g, d] = createdBothWays(variant, c);
        assert.equal(d, g, `variant ${i}: ${JSON.stringify(variant)}`);
      }
    });
  }
});
