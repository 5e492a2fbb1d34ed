import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../api/core/v1/pod.js';
import { daemonPod, daemonSet, NOW } from './daemon-test-fixtures.js';
import { findUpdatedPodsOnNode, planRollingUpdate, updateBudget } from './rolling-update.js';

const byNode = (pods: Record<string, Pod[]>) => new Map(Object.entries(pods));

describe('update budget', () => {
  const cases: {
    name: string;
    ru: { maxUnavailable?: number | string; maxSurge?: number | string };
    desired: number;
    want: [number, number];
  }[] = [
    { name: 'the defaults allow one unavailable node', ru: {}, desired: 10, want: [0, 1] },
    { name: 'percentages of unavailability round up', ru: { maxUnavailable: '15%' }, desired: 10, want: [0, 2] },
    { name: 'surge percentages round up', ru: { maxUnavailable: 0, maxSurge: '25%' }, desired: 10, want: [3, 0] },
    {
      name: 'zero of both falls back to one unavailable',
      ru: { maxUnavailable: 0, maxSurge: 0 },
      desired: 4,
      want: [0, 1],
    },
    { name: 'an empty set needs no budget', ru: { maxUnavailable: 0, maxSurge: 0 }, desired: 0, want: [0, 0] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const b = updateBudget(daemonSet(c.ru), c.desired);
      assert.deepEqual([b.maxSurge, b.maxUnavailable], c.want);
    });
  }
});

describe('pods of a node', () => {
  test('one old and one new pod are found; duplicates are not ok; pods being deleted are ignored', () => {
    const old = daemonPod({ name: 'o', hash: 'old' });
    const cur = daemonPod({ name: 'n', hash: 'new' });
    assert.deepEqual(findUpdatedPodsOnNode([old, cur], 'new', undefined), { newPod: cur, oldPod: old, ok: true });
    assert.deepEqual(findUpdatedPodsOnNode([old, old], 'new', undefined), { ok: false });
    assert.deepEqual(findUpdatedPodsOnNode([daemonPod({ name: 'd', hash: 'old', deleting: true })], 'new', undefined), {
      ok: true,
    });
  });
});

describe('rolling update without surge', () => {
  const plan = (pods: Record<string, Pod[]>, maxUnavailable = 1) => {
    const ds = daemonSet({ maxUnavailable });
    return planRollingUpdate({
      ds,
      nodeToDaemonPods: byNode(pods),
      hash: 'new',
      generation: undefined,
      budget: updateBudget(ds, Object.keys(pods).length),
      now: NOW,
      shouldRun: () => true,
    });
  };

  test('one available old pod goes at a time', () => {
    const got = plan({ a: [daemonPod({ name: 'a1', hash: 'old' })], b: [daemonPod({ name: 'b1', hash: 'old' })] });
    assert.deepEqual(got, { podsToDelete: ['a1'], nodesToCreate: [] });
  });

  test('an unavailable new pod uses up the budget', () => {
    const got = plan({
      a: [daemonPod({ name: 'a1', hash: 'new', ready: false })],
      b: [daemonPod({ name: 'b1', hash: 'old' })],
    });
    assert.deepEqual(got.podsToDelete, []);
  });

  test('an unavailable old pod is replaced whatever the budget', () => {
    const got = plan({
      a: [daemonPod({ name: 'a1', hash: 'old', ready: false })],
      b: [daemonPod({ name: 'b1', hash: 'old', ready: false })],
      c: [daemonPod({ name: 'c1', hash: 'old' })],
    });
    assert.deepEqual(got.podsToDelete, ['a1', 'b1']);
  });

  test('a node without a pod counts as unavailable', () => {
    const got = plan({ a: [], b: [daemonPod({ name: 'b1', hash: 'old' })] });
    assert.deepEqual(got.podsToDelete, []);
  });

  test('maxUnavailable 2 replaces two at once', () => {
    const got = plan(
      {
        a: [daemonPod({ name: 'a1', hash: 'old' })],
        b: [daemonPod({ name: 'b1', hash: 'old' })],
        c: [daemonPod({ name: 'c1', hash: 'old' })],
      },
      2,
    );
    assert.deepEqual(got.podsToDelete, ['a1', 'b1']);
  });
});

describe('rolling update with surge', () => {
  const plan = (pods: Record<string, Pod[]>, shouldRun: (n: string) => boolean = () => true) => {
    const ds = daemonSet({ maxUnavailable: 0, maxSurge: 1 });
    return planRollingUpdate({
      ds,
      nodeToDaemonPods: byNode(pods),
      hash: 'new',
      generation: undefined,
      budget: updateBudget(ds, Object.keys(pods).filter(shouldRun).length),
      now: NOW,
      shouldRun,
    });
  };

  test('a new pod is created beside an old one on one node at a time', () => {
    const got = plan({ a: [daemonPod({ name: 'a1', hash: 'old' })], b: [daemonPod({ name: 'b1', hash: 'old' })] });
    assert.deepEqual(got, { podsToDelete: [], nodesToCreate: ['a'] });
  });

  test('the old pod goes once the new one is available', () => {
    const got = plan({
      a: [daemonPod({ name: 'a1', hash: 'old' }), daemonPod({ name: 'a2', hash: 'new' })],
      b: [daemonPod({ name: 'b1', hash: 'old' })],
    });
    assert.deepEqual(got, { podsToDelete: ['a1'], nodesToCreate: ['b'] });
  });

  test('a new pod not yet available holds the surge', () => {
    const got = plan({
      a: [daemonPod({ name: 'a1', hash: 'old' }), daemonPod({ name: 'a2', hash: 'new', ready: false })],
      b: [daemonPod({ name: 'b1', hash: 'old' })],
    });
    assert.deepEqual(got, { podsToDelete: [], nodesToCreate: [] });
  });

  test('an unavailable old pod gets its replacement at once', () => {
    const got = plan({
      a: [daemonPod({ name: 'a1', hash: 'old', ready: false })],
      b: [daemonPod({ name: 'b1', hash: 'old', ready: false })],
    });
    assert.deepEqual(got.nodesToCreate, ['a', 'b']);
  });

  test('an unknown node is an error', () => {
    const ds = daemonSet({ maxUnavailable: 0, maxSurge: 1 });
    assert.throws(
      () =>
        planRollingUpdate({
          ds,
          nodeToDaemonPods: byNode({ gone: [daemonPod({ name: 'g1', hash: 'old' })] }),
          hash: 'new',
          generation: undefined,
          budget: updateBudget(ds, 1),
          now: NOW,
          shouldRun: () => undefined,
        }),
      /couldn't get node for nodeName "gone"/,
    );
  });
});
