import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../api/core/v1/pod.js';
import { deleteBefore, deletionCost, podsToDelete, rankByRelatedPodsOnSameNode } from './pod-ranking.js';

const NOW = Date.parse('2024-06-01T12:00:00Z');
const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

interface PodShape {
  name?: string;
  uid?: string;
  node?: string;
  phase?: string;
  readySecondsAgo?: number;
  restarts?: number;
  createdSecondsAgo?: number;
  cost?: string;
}

function pod(shape: PodShape): Pod {
  return {
    metadata: {
      name: shape.name ?? 'p',
      uid: shape.uid ?? shape.name ?? 'p',
      ...(shape.createdSecondsAgo === undefined ? {} : { creationTimestamp: ago(shape.createdSecondsAgo) }),
      ...(shape.cost === undefined
        ? {}
        : { annotations: { 'controller.kubernetes.io/pod-deletion-cost': shape.cost } }),
    },
    spec: { containers: [{ name: 'c' }], ...(shape.node ? { nodeName: shape.node } : {}) },
    status: {
      ...(shape.phase ? { phase: shape.phase } : {}),
      ...(shape.readySecondsAgo === undefined
        ? {}
        : { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ago(shape.readySecondsAgo) }] }),
      ...(shape.restarts === undefined ? {} : { containerStatuses: [{ name: 'c', restartCount: shape.restarts }] }),
    },
  } as Pod;
}

describe('which pod goes first', () => {
  const cases: { name: string; first: PodShape; second: PodShape; firstRank?: number; secondRank?: number }[] = [
    { name: 'an unassigned pod goes before an assigned one', first: {}, second: { node: 'n' } },
    {
      name: 'a pending pod goes before an unknown one',
      first: { node: 'n', phase: 'Pending' },
      second: { node: 'n', phase: 'Unknown' },
    },
    {
      name: 'an unknown pod goes before a running one',
      first: { node: 'n', phase: 'Unknown' },
      second: { node: 'n', phase: 'Running' },
    },
    {
      name: 'a pod that is not ready goes before a ready one',
      first: { node: 'n', phase: 'Running' },
      second: { node: 'n', phase: 'Running', readySecondsAgo: 10 },
    },
    {
      name: 'a lower deletion cost goes first, before any rank',
      first: { node: 'n', phase: 'Running', cost: '-5' },
      second: { node: 'n', phase: 'Running', cost: '10' },
      firstRank: 1,
      secondRank: 9,
    },
    {
      name: 'a pod doubled up on its node goes before a lone one',
      first: { node: 'n', phase: 'Running', readySecondsAgo: 1000 },
      second: { node: 'm', phase: 'Running', readySecondsAgo: 10 },
      firstRank: 3,
      secondRank: 1,
    },
    {
      name: 'a pod ready for a shorter time goes first (in powers of two of age)',
      first: { node: 'n', phase: 'Running', readySecondsAgo: 10 },
      second: { node: 'n', phase: 'Running', readySecondsAgo: 1000 },
    },
    {
      name: 'more container restarts go first',
      first: { node: 'n', phase: 'Running', restarts: 4, createdSecondsAgo: 1000 },
      second: { node: 'n', phase: 'Running', restarts: 1, createdSecondsAgo: 10 },
    },
    {
      name: 'a newer pod goes before an older one',
      first: { node: 'n', phase: 'Running', createdSecondsAgo: 10 },
      second: { node: 'n', phase: 'Running', createdSecondsAgo: 1000 },
    },
    {
      name: 'a pod without a creation time goes before a dated one',
      first: { node: 'n', phase: 'Running' },
      second: { node: 'n', phase: 'Running', createdSecondsAgo: 10 },
    },
    {
      name: 'ages in the same power of two fall back to the UID order',
      first: { node: 'n', phase: 'Running', createdSecondsAgo: 100, uid: 'a' },
      second: { node: 'n', phase: 'Running', createdSecondsAgo: 101, uid: 'b' },
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const a = { pod: pod(c.first), rank: c.firstRank ?? 0 };
      const b = { pod: pod(c.second), rank: c.secondRank ?? 0 };
      assert.equal(deleteBefore(a, b, NOW), true);
      assert.equal(deleteBefore(b, a, NOW), false);
    });
  }

  test('identical pods are neither before the other', () => {
    const a = { pod: pod({ node: 'n', phase: 'Running' }), rank: 0 };
    assert.equal(deleteBefore(a, a, NOW), false);
  });
});

describe('deletion cost and ranks', () => {
  const costs: [string | undefined, number][] = [
    [undefined, 0],
    ['7', 7],
    ['-3', -3],
    ['x', 0],
    ['99999999999', 0],
  ];
  for (const [text, want] of costs) {
    test(`the annotation ${JSON.stringify(text)} costs ${want}`, () => {
      assert.equal(deletionCost(pod(text === undefined ? {} : { cost: text })), want);
    });
  }

  test('a rank counts the active related pods sharing the node', () => {
    const mine = [pod({ name: 'a', node: 'n1' }), pod({ name: 'b', node: 'n2' })];
    const related = [...mine, pod({ name: 'c', node: 'n1' }), pod({ name: 'd', node: 'n1', phase: 'Failed' })];
    assert.deepEqual(
      rankByRelatedPodsOnSameNode(mine, related).map((r) => r.rank),
      [2, 1],
    );
  });

  test('the pods to delete are the first of the order, and all of them when the count covers them', () => {
    const ready = pod({ name: 'ready', node: 'n', phase: 'Running', readySecondsAgo: 60 });
    const pending = pod({ name: 'pending', node: 'n', phase: 'Pending' });
    const unassigned = pod({ name: 'unassigned' });
    assert.deepEqual(
      podsToDelete([ready, pending, unassigned], [], 2, NOW).map((p) => p.metadata?.name),
      ['unassigned', 'pending'],
    );
    assert.equal(podsToDelete([ready, pending], [], 5, NOW).length, 2);
  });
});
