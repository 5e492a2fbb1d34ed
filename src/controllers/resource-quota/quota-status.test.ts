import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PersistentVolumeClaim } from '../../api/core/v1/persistent-volume-claim.js';
import type { ResourceQuota } from '../../api/core/v1/resource-quota.js';
import type { Service } from '../../api/core/v1/service.js';
import type { KubeObject } from '../../client/kube-object.js';
import { claimUsage, serviceUsage } from './core-evaluators.js';
import { type Evaluator, NotSyncedError } from './evaluator.js';
import { podMatchesScope, podMatchingResources, podUsage } from './pod-quota.js';
import { computeQuotaStatus } from './quota-status.js';
import { count, serializeUsage } from './resource-list.js';

const NOW = Date.UTC(2024, 0, 1);

const fakeEvaluator = (
  resource: string,
  objects: KubeObject[],
  overrides: Partial<Evaluator<KubeObject>> = {},
): Evaluator<KubeObject> => ({
  groupResource: { group: '', resource },
  matchingResources: (names) => names.filter((n) => n === resource || n === `count/${resource}`),
  usage: () =>
    new Map([
      [resource, count(1)],
      [`count/${resource}`, count(1)],
    ]),
  matchesScope: () => false,
  list: (ns) => objects.filter((o) => o.metadata?.namespace === ns),
  updateMatters: () => false,
  ...overrides,
});

const pods = (specs: Record<string, string>[], extra: Record<string, unknown> = {}): KubeObject[] =>
  specs.map((requests, i) => ({
    metadata: { name: `p${i}`, namespace: 'team' },
    spec: { containers: [{ name: 'c', image: 'x', resources: { requests } }], ...extra },
    status: { phase: 'Running' },
  })) as KubeObject[];

const podEval = (objects: KubeObject[]): Evaluator<KubeObject> => ({
  ...fakeEvaluator('pods', objects),
  matchingResources: podMatchingResources,
  usage: (o, now) => podUsage(o as never, now),
  matchesScope: (s, o) => podMatchesScope(s, o as never),
});

const quota = (
  hard: Record<string, string>,
  status?: ResourceQuota['status'],
  spec: Partial<NonNullable<ResourceQuota['spec']>> = {},
): ResourceQuota => ({
  metadata: { name: 'q', namespace: 'team' },
  spec: { hard, ...spec },
  ...(status === undefined ? {} : { status }),
});

describe('computeQuotaStatus', () => {
  test('a new quota gets its hard limits and the usage of what it tracks', () => {
    const result = computeQuotaStatus(
      quota({ pods: '10', 'requests.cpu': '4', 'requests.memory': '8Gi', configmaps: '5' }),
      [
        podEval(
          pods([
            { cpu: '500m', memory: '1Gi' },
            { cpu: '1', memory: '2Gi' },
          ]),
        ),
        fakeEvaluator('configmaps', []),
      ],
      NOW,
    );
    assert.equal(result.dirty, true);
    assert.deepEqual(result.status, {
      hard: { pods: '10', 'requests.cpu': '4', 'requests.memory': '8Gi', configmaps: '5' },
      used: { configmaps: '0', pods: '2', 'requests.cpu': '1500m', 'requests.memory': '3Gi' },
    });
  });

  test('a status that already says it all is not dirty', () => {
    const q = quota({ pods: '10' }, { hard: { pods: '10' }, used: { pods: '2' } });
    assert.equal(computeQuotaStatus(q, [podEval(pods([{}, {}]))], NOW).dirty, false);
  });

  test('equal quantities written differently are not a change', () => {
    const q = quota({ 'requests.cpu': '1' }, { hard: { 'requests.cpu': '1000m' }, used: { 'requests.cpu': '1' } });
    assert.equal(computeQuotaStatus(q, [podEval(pods([{ cpu: '1000m' }]))], NOW).dirty, false);
  });

  test('used drops resources that are no longer hard, and keeps ones nobody measures', () => {
    const q = quota(
      { 'example.com/widgets': '3', pods: '5' },
      { hard: { pods: '5', services: '2' }, used: { 'example.com/widgets': '1', services: '1', pods: '0' } },
    );
    const result = computeQuotaStatus(q, [podEval([])], NOW);
    assert.deepEqual(result.status.used, { 'example.com/widgets': '1', pods: '0' });
  });

  test('scopes restrict usage to the pods in every scope', () => {
    const objects = [
      ...pods([{}]),
      ...pods([{ cpu: '1' }]).map((p) => ({ ...p, metadata: { name: 'burstable', namespace: 'team' } })),
    ];
    const result = computeQuotaStatus(
      quota({ pods: '5' }, undefined, { scopes: ['BestEffort'] }),
      [podEval(objects)],
      NOW,
    );
    assert.deepEqual(result.status.used, { pods: '1' });
  });

  test('a scope selector on the priority class counts only that class', () => {
    const objects = [
      ...pods([{}], { priorityClassName: 'high' }),
      ...pods([{}]).map((p) => ({ ...p, metadata: { name: 'x', namespace: 'team' } })),
    ];
    const q = quota({ pods: '5' }, undefined, {
      scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] },
    });
    assert.deepEqual(computeQuotaStatus(q, [podEval(objects)], NOW).status.used, { pods: '1' });
  });

  test('an evaluator whose cache is not synced keeps the old usage and reports the error', () => {
    const broken = fakeEvaluator('secrets', [], {
      list: () => {
        throw new NotSyncedError('secrets');
      },
    });
    const q = quota(
      { secrets: '5', pods: '5' },
      { hard: { secrets: '5', pods: '5' }, used: { secrets: '3', pods: '9' } },
    );
    const result = computeQuotaStatus(q, [broken, podEval([])], NOW);
    assert.deepEqual(result.status.used, { pods: '0', secrets: '3' });
    assert.equal(result.errors.length, 1);
  });
});

describe('service and claim usage', () => {
  const svc = (spec: NonNullable<Service['spec']>): Service => ({ metadata: { name: 's' }, spec });
  const cases: [string, Service, Record<string, string>][] = [
    [
      'a ClusterIP service is one service',
      svc({ type: 'ClusterIP', ports: [{ port: 80 }] }),
      { 'count/services': '1', services: '1', 'services.loadbalancers': '0', 'services.nodeports': '0' },
    ],
    [
      'a NodePort service uses a node port per port',
      svc({ type: 'NodePort', ports: [{ port: 80 }, { port: 443 }] }),
      { 'count/services': '1', services: '1', 'services.loadbalancers': '0', 'services.nodeports': '2' },
    ],
    [
      'a LoadBalancer without node port allocation counts only explicit node ports',
      svc({
        type: 'LoadBalancer',
        allocateLoadBalancerNodePorts: false,
        ports: [{ port: 80, nodePort: 30080 }, { port: 81 }],
      }),
      { 'count/services': '1', services: '1', 'services.loadbalancers': '1', 'services.nodeports': '1' },
    ],
  ];
  for (const [name, s, expected] of cases)
    test(name, () => assert.deepEqual(serializeUsage(serviceUsage(s)), expected));

  test('a claim is charged its storage, also under its storage class', () => {
    const pvc: PersistentVolumeClaim = {
      metadata: { name: 'c' },
      spec: { storageClassName: 'fast', resources: { requests: { storage: '10Gi' } } },
    };
    assert.deepEqual(serializeUsage(claimUsage(pvc)), {
      'count/persistentvolumeclaims': '1',
      'fast.storageclass.storage.k8s.io/persistentvolumeclaims': '1',
      'fast.storageclass.storage.k8s.io/requests.storage': '10Gi',
      persistentvolumeclaims: '1',
      'requests.storage': '10Gi',
    });
  });

  test('a claim whose allocation grew beyond its request is charged the allocation', () => {
    const pvc: PersistentVolumeClaim = {
      metadata: { name: 'c' },
      spec: { resources: { requests: { storage: '1Gi' } } },
      status: { allocatedResources: { storage: '2Gi' } },
    };
    assert.equal(serializeUsage(claimUsage(pvc))['requests.storage'], '2Gi');
  });
});
