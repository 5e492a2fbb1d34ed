import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Taint } from '../../api/core/v1/node.js';
import type { Toleration } from '../../api/core/v1/scheduling.js';
import { type EvictionPlan, planEviction } from './eviction-plan.js';

const NOW = Date.UTC(2024, 0, 1, 12, 0, 0);
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

const unreachable = (addedMs?: number): Taint => ({
  key: 'node.kubernetes.io/unreachable',
  effect: 'NoExecute',
  ...(addedMs === undefined ? {} : { timeAdded: iso(addedMs) }),
});
const notReady = (addedMs: number): Taint => ({
  key: 'node.kubernetes.io/not-ready',
  effect: 'NoExecute',
  timeAdded: iso(addedMs),
});
const tolerate = (key: string, seconds?: number): Toleration => ({
  key,
  operator: 'Exists',
  effect: 'NoExecute',
  ...(seconds === undefined ? {} : { tolerationSeconds: seconds }),
});

describe('planEviction', () => {
  const cases: { name: string; taints: Taint[]; tolerations?: Toleration[]; fallback?: number; plan: EvictionPlan }[] =
    [
      { name: 'a node without NoExecute taints keeps the pod', taints: [], plan: { kind: 'keep' } },
      {
        name: 'a pod that does not tolerate a taint is evicted at once',
        taints: [unreachable(NOW - 1_000)],
        plan: { kind: 'evict', atMs: NOW },
      },
      {
        name: 'a pod tolerating the taint without tolerationSeconds stays forever',
        taints: [unreachable(NOW - 1_000)],
        tolerations: [tolerate('node.kubernetes.io/unreachable')],
        plan: { kind: 'keep' },
      },
      {
        name: 'tolerationSeconds count from the taint’s timeAdded',
        taints: [unreachable(NOW - 1_000)],
        tolerations: [tolerate('node.kubernetes.io/unreachable', 2)],
        plan: { kind: 'evict', atMs: NOW + 1_000 },
      },
      {
        name: 'a toleration that ran out before now means eviction in the past, i.e. at once',
        taints: [unreachable(NOW - 400_000)],
        tolerations: [tolerate('node.kubernetes.io/unreachable', 300)],
        plan: { kind: 'evict', atMs: NOW - 100_000 },
      },
      {
        name: 'the shortest of several matching tolerations wins',
        taints: [unreachable(NOW)],
        tolerations: [tolerate('node.kubernetes.io/unreachable', 300), { operator: 'Exists', tolerationSeconds: 5 }],
        plan: { kind: 'evict', atMs: NOW + 5_000 },
      },
      {
        name: 'a zero or negative tolerationSeconds evicts at the taint’s time',
        taints: [unreachable(NOW - 2_000)],
        tolerations: [tolerate('node.kubernetes.io/unreachable', -1)],
        plan: { kind: 'evict', atMs: NOW - 2_000 },
      },
      {
        name: 'with two taints, the one running out first decides',
        taints: [unreachable(NOW - 10_000), notReady(NOW)],
        tolerations: [tolerate('node.kubernetes.io/unreachable', 60), tolerate('node.kubernetes.io/not-ready', 20)],
        plan: { kind: 'evict', atMs: NOW + 20_000 },
      },
      {
        name: 'a taint tolerated forever does not shield the pod from one tolerated for a while',
        taints: [unreachable(NOW), notReady(NOW)],
        tolerations: [tolerate('node.kubernetes.io/unreachable'), tolerate('node.kubernetes.io/not-ready', 30)],
        plan: { kind: 'evict', atMs: NOW + 30_000 },
      },
      {
        name: 'a taint without timeAdded counts from when the eviction was first scheduled',
        taints: [unreachable()],
        tolerations: [tolerate('node.kubernetes.io/unreachable', 10)],
        fallback: NOW - 4_000,
        plan: { kind: 'evict', atMs: NOW + 6_000 },
      },
      {
        name: 'a timeAdded in the future (clock skew) counts from now',
        taints: [unreachable(NOW + 60_000)],
        tolerations: [tolerate('node.kubernetes.io/unreachable', 10)],
        plan: { kind: 'evict', atMs: NOW + 10_000 },
      },
    ];
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(planEviction(c.taints, c.tolerations, NOW, c.fallback ?? NOW), c.plan));
  }
});
