import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import {
  missingNodeNames,
  terminatedPodsToDelete,
  terminatingPodsOnOutOfServiceNodes,
  unscheduledTerminatingPods,
} from './gc-selection.js';
import { NodeQuarantine } from './node-quarantine.js';

interface PodShape {
  name: string;
  phase?: string;
  reason?: string;
  created?: string;
  node?: string;
  deleting?: boolean;
}

const pod = ({ name, phase = 'Running', reason, created = '2024-01-01T00:00:00Z', node, deleting }: PodShape): Pod => ({
  metadata: {
    name,
    namespace: 'default',
    creationTimestamp: created,
    ...(deleting ? { deletionTimestamp: '2024-01-02T00:00:00Z' } : {}),
  },
  spec: { containers: [], ...(node === undefined ? {} : { nodeName: node }) },
  status: { phase, ...(reason === undefined ? {} : { reason }) },
});

const names = (pods: readonly Pod[]): string[] => pods.map((p) => p.metadata?.name ?? '');

describe('terminatedPodsToDelete', () => {
  const pods = [
    pod({ name: 'running', created: '2024-01-01T00:00:00Z' }),
    pod({ name: 'old-done', phase: 'Succeeded', created: '2024-01-01T00:00:01Z' }),
    pod({ name: 'new-failed', phase: 'Failed', created: '2024-01-01T00:00:09Z' }),
    pod({ name: 'b-mid', phase: 'Succeeded', created: '2024-01-01T00:00:05Z' }),
    pod({ name: 'a-mid', phase: 'Failed', created: '2024-01-01T00:00:05Z' }),
    pod({ name: 'evicted', phase: 'Failed', reason: 'Evicted', created: '2024-01-01T00:00:08Z' }),
  ];
  const cases: [string, number, string[]][] = [
    ['nothing goes while the terminated pods are within the threshold', 5, []],
    ['the excess goes, evicted pods first, then the oldest', 3, ['evicted', 'old-done']],
    ['equal creation times are broken by name', 1, ['evicted', 'old-done', 'a-mid', 'b-mid']],
    ['a threshold of 0 turns the collection of terminated pods off', 0, []],
  ];
  for (const [name, threshold, expected] of cases) {
    test(name, () => assert.deepEqual(names(terminatedPodsToDelete(pods, threshold)), expected));
  }
});

describe('orphans and terminating pods', () => {
  test('nodes that pods are bound to but that do not exist are missing; unscheduled pods are not', () => {
    const pods = [pod({ name: 'a', node: 'n1' }), pod({ name: 'b', node: 'gone' }), pod({ name: 'c' })];
    assert.deepEqual([...missingNodeNames(pods, new Set(['n1']))], ['gone']);
  });

  test('only terminating pods without a node are unscheduled terminating pods', () => {
    const pods = [
      pod({ name: 'a', deleting: true }),
      pod({ name: 'b', deleting: true, node: 'n1' }),
      pod({ name: 'c' }),
    ];
    assert.deepEqual(names(unscheduledTerminatingPods(pods)), ['a']);
  });

  test('terminating pods go from a not-Ready node only when it is tainted out-of-service', () => {
    const node = (name: string, ready: string, outOfService: boolean): Node => ({
      metadata: { name },
      spec: { taints: outOfService ? [{ key: 'node.kubernetes.io/out-of-service', effect: 'NoExecute' }] : [] },
      status: { conditions: [{ type: 'Ready', status: ready }] },
    });
    const nodes = new Map([
      ['dead', node('dead', 'Unknown', true)],
      ['down', node('down', 'Unknown', false)],
      ['ready', node('ready', 'True', true)],
    ]);
    const pods = [
      pod({ name: 'a', node: 'dead', deleting: true }),
      pod({ name: 'b', node: 'down', deleting: true }),
      pod({ name: 'c', node: 'ready', deleting: true }),
      pod({ name: 'd', node: 'dead' }),
    ];
    assert.deepEqual(names(terminatingPodsOnOutOfServiceNodes(pods, (n) => nodes.get(n))), ['a']);
  });
});

describe('NodeQuarantine', () => {
  test('a name is due only once its quarantine has passed, and then only once', () => {
    const q = new NodeQuarantine(40_000);
    q.add('gone', 0);
    q.add('gone', 30_000);
    assert.deepEqual(q.takeDue(39_999), []);
    assert.deepEqual(q.takeDue(40_000), ['gone']);
    assert.deepEqual(q.takeDue(80_000), []);
  });
});
