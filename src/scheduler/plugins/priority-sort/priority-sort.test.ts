import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { QueuedPodInfo } from '../../framework/interfaces.js';
import { newPodInfo } from '../../framework/pod-info.js';
import { makeHandle, makePod } from '../../testing/builders.js';
import { NAME, newPrioritySort, type PrioritySort } from './priority-sort.js';

const plugin = (): PrioritySort => newPrioritySort(undefined, makeHandle([])) as PrioritySort;

function queued(priority: number | undefined, timestamp: number): QueuedPodInfo {
  const pod = makePod(`p-${priority ?? 'none'}-${timestamp}`, priority === undefined ? {} : { priority });
  return {
    podInfo: newPodInfo(pod),
    timestamp,
    initialAttemptTimestamp: timestamp,
    attempts: 0,
    unschedulablePlugins: new Set(),
    gatedBy: '',
  };
}

describe('PrioritySort less', () => {
  const low = 10;
  const high = 100;
  const t1 = 1_000;
  const t2 = 2_000;
  const cases: { name: string; a: QueuedPodInfo; b: QueuedPodInfo; want: boolean }[] = [
    { name: 'a lower priority goes after a higher one', a: queued(low, t1), b: queued(high, t1), want: false },
    { name: 'a higher priority goes first', a: queued(high, t1), b: queued(low, t1), want: true },
    {
      name: 'with equal priority, the pod queued earlier goes first',
      a: queued(high, t1),
      b: queued(high, t2),
      want: true,
    },
    {
      name: 'with equal priority, the pod queued later goes after',
      a: queued(high, t2),
      b: queued(high, t1),
      want: false,
    },
    {
      name: 'a pod without priority counts as 0, below a positive one',
      a: queued(undefined, t1),
      b: queued(1, t2),
      want: false,
    },
    {
      name: 'a pod without priority counts as 0, above a negative one',
      a: queued(undefined, t2),
      b: queued(-1, t1),
      want: true,
    },
    { name: 'a pod is not before itself', a: queued(low, t1), b: queued(low, t1), want: false },
  ];
  for (const c of cases) {
    test(c.name, () => assert.equal(plugin().less(c.a, c.b), c.want));
  }

  test('it is named PrioritySort', () => assert.equal(plugin().name, NAME));
});
