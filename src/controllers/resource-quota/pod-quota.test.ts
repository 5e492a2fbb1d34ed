import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Container } from '../../api/core/v1/container.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { podMatchesScope, podMatchingResources, podUsage, quotaV1Pod } from './pod-quota.js';
import { serializeUsage } from './resource-list.js';

const NOW = Date.UTC(2024, 0, 1, 12, 0, 0);

type Res = { requests?: Record<string, string>; limits?: Record<string, string> };
const c = (name: string, resources: Res = {}, restartPolicy?: string): Container => ({
  name,
  image: 'x',
  resources,
  ...(restartPolicy === undefined ? {} : { restartPolicy }),
});
const pod = (
  spec: Partial<NonNullable<Pod['spec']>>,
  status: Pod['status'] = { phase: 'Running' },
  meta = {},
): Pod => ({
  metadata: { name: 'p', namespace: 'default', ...meta },
  spec: { containers: [], ...spec },
  status,
});

describe('podUsage', () => {
  const cases: [string, Pod, Record<string, string>][] = [
    [
      'a best-effort pod counts as one pod and nothing else',
      pod({ containers: [c('a')] }),
      { 'count/pods': '1', pods: '1' },
    ],
    [
      'requests and limits of containers add up in canonical form',
      pod({
        containers: [
          c('a', { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } }),
          c('b', { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '2Gi' } }),
        ],
      }),
      {
        'count/pods': '1',
        pods: '1',
        cpu: '1500m',
        'requests.cpu': '1500m',
        memory: '3Gi',
        'requests.memory': '3Gi',
        'limits.cpu': '1',
        'limits.memory': '3Gi',
      },
    ],
    [
      'an init container larger than the containers sets the pod’s request, sidecars add up',
      pod({
        containers: [c('a', { requests: { cpu: '100m' } })],
        initContainers: [c('init', { requests: { cpu: '2' } }), c('side', { requests: { cpu: '200m' } }, 'Always')],
      }),
      { 'count/pods': '1', pods: '1', cpu: '2', 'requests.cpu': '2' },
    ],
    [
      'the pod overhead adds to requests',
      pod({ containers: [c('a', { requests: { memory: '100Mi' } })], overhead: { memory: '28Mi' } }),
      { 'count/pods': '1', pods: '1', memory: '128Mi', 'requests.memory': '128Mi' },
    ],
    [
      'hugepages and extended resources are counted under their quota names',
      pod({ containers: [c('a', { requests: { 'hugepages-2Mi': '4Mi', 'example.com/gpu': '2' } })] }),
      {
        'count/pods': '1',
        pods: '1',
        'hugepages-2Mi': '4Mi',
        'requests.hugepages-2Mi': '4Mi',
        'requests.example.com/gpu': '2',
      },
    ],
    [
      'a terminal pod counts in count/pods only',
      pod({ containers: [c('a', { requests: { cpu: '1' } })] }, { phase: 'Succeeded' }),
      { 'count/pods': '1' },
    ],
    [
      'a pod past its deletion grace period is no longer charged compute resources',
      pod(
        { containers: [c('a', { requests: { cpu: '1' } })] },
        { phase: 'Running' },
        {
          deletionTimestamp: new Date(NOW - 60_000).toISOString(),
          deletionGracePeriodSeconds: 30,
        },
      ),
      { 'count/pods': '1' },
    ],
  ];
  for (const [name, p, expected] of cases)
    test(name, () => assert.deepEqual(serializeUsage(podUsage(p, NOW)), expected));

  test('a pod within its deletion grace period is still charged', () => {
    const p = pod(
      {},
      { phase: 'Running' },
      { deletionTimestamp: new Date(NOW - 10_000).toISOString(), deletionGracePeriodSeconds: 30 },
    );
    assert.equal(quotaV1Pod(p, NOW), true);
  });
});

describe('pod scopes', () => {
  const bestEffort = pod({ containers: [c('a')] }, { phase: 'Running' });
  const burstable = pod({ containers: [c('a', { requests: { cpu: '1' } })] }, { phase: 'Running' });
  const deadline = pod({ containers: [c('a')], activeDeadlineSeconds: 60 });
  const high = pod({ containers: [c('a')], priorityClassName: 'high' });
  const cases: [string, Pod, { scopeName: string; operator: string; values?: string[] }, boolean][] = [
    [
      'a pod without requests or limits is BestEffort',
      bestEffort,
      { scopeName: 'BestEffort', operator: 'Exists' },
      true,
    ],
    ['a pod with a cpu request is NotBestEffort', burstable, { scopeName: 'NotBestEffort', operator: 'Exists' }, true],
    [
      'a pod with activeDeadlineSeconds is Terminating',
      deadline,
      { scopeName: 'Terminating', operator: 'Exists' },
      true,
    ],
    [
      'a pod without activeDeadlineSeconds is NotTerminating',
      bestEffort,
      { scopeName: 'NotTerminating', operator: 'Exists' },
      true,
    ],
    [
      'PriorityClass In matches the pod’s class',
      high,
      { scopeName: 'PriorityClass', operator: 'In', values: ['high'] },
      true,
    ],
    [
      'PriorityClass In does not match another class',
      high,
      { scopeName: 'PriorityClass', operator: 'In', values: ['low'] },
      false,
    ],
    [
      'PriorityClass NotIn matches a pod without a class',
      bestEffort,
      { scopeName: 'PriorityClass', operator: 'NotIn', values: ['high'] },
      true,
    ],
    ['PriorityClass Exists needs a class', bestEffort, { scopeName: 'PriorityClass', operator: 'Exists' }, false],
    [
      'PriorityClass DoesNotExist matches a pod without a class',
      bestEffort,
      { scopeName: 'PriorityClass', operator: 'DoesNotExist' },
      true,
    ],
  ];
  for (const [name, p, selector, expected] of cases)
    test(name, () => assert.equal(podMatchesScope(selector, p), expected));

  test('the status qosClass decides BestEffort when the apiserver set it', () => {
    const p = pod({ containers: [c('a', { requests: { cpu: '1' } })] }, { phase: 'Running', qosClass: 'BestEffort' });
    assert.equal(podMatchesScope({ scopeName: 'BestEffort', operator: 'Exists' }, p), true);
  });
});

describe('podMatchingResources', () => {
  test('pod resources, hugepages and extended requests match; services and storage do not', () => {
    const input = [
      'pods',
      'requests.cpu',
      'hugepages-1Gi',
      'requests.example.com/gpu',
      'services',
      'requests.storage',
      'count/pods',
    ];
    assert.deepEqual(podMatchingResources(input), [
      'pods',
      'requests.cpu',
      'hugepages-1Gi',
      'requests.example.com/gpu',
      'count/pods',
    ]);
  });
});
