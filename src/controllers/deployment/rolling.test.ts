import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import { maxScaledDown } from './rolling.js';

const rs = (replicas: number, available: number): ReplicaSet =>
  ({
    metadata: { name: `rs-${replicas}-${available}` },
    spec: { replicas },
    status: { availableReplicas: available },
  }) as ReplicaSet;

describe('how far old ReplicaSets may shrink', () => {
  // Upstream's worked example: 10 replicas, maxUnavailable 2, maxSurge 3.
  const cases: { name: string; old: ReplicaSet[]; newRS: ReplicaSet; want: number }[] = [
    {
      name: 'new pods that crash-loop keep every old pod (13 − 8 − 5 = 0)',
      old: [rs(8, 8)],
      newRS: rs(5, 0),
      want: 0,
    },
    {
      name: 'rolling back to a good ReplicaSet lets the crash-looping ones go (13 − 8 − 1 = 4)',
      old: [rs(5, 0)],
      newRS: rs(8, 7),
      want: 4,
    },
    {
      name: 'a roll-over with an empty new ReplicaSet lets the old ones shrink by the surge and unavailability (13 − 8 − 0)',
      old: [rs(8, 8), rs(5, 0)],
      newRS: rs(0, 0),
      want: 5,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.equal(maxScaledDown(10, 2, [...c.old, c.newRS], c.newRS), c.want);
    });
  }
});
