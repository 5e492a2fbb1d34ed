import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import { bySizeNewer, bySizeOlder } from './replica-set-groups.js';
import { isScalingEvent, proportionalSizes } from './scale.js';

function deployment(replicas: number, maxSurge: number | string = 3, maxUnavailable: number | string = 2): Deployment {
  return {
    metadata: { name: 'd' },
    spec: {
      replicas,
      selector: {},
      template: {},
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } },
    },
    status: { replicas: 0 },
  } as Deployment;
}

function rs(name: string, replicas: number, created: string, annotations: Record<string, string> = {}): ReplicaSet {
  return {
    metadata: { name, creationTimestamp: created, annotations },
    spec: { replicas },
  } as ReplicaSet;
}

const annotated = (max: number, desired: number) => ({
  'deployment.kubernetes.io/max-replicas': String(max),
  'deployment.kubernetes.io/desired-replicas': String(desired),
});

describe('proportional scaling', () => {
  const cases: { name: string; d: Deployment; sets: ReplicaSet[]; want: Record<string, number> }[] = [
    {
      name: 'scaling 10 → 20 mid-rollout (old 8, new 5, surge 3) gives the old 14 and the new 9',
      d: deployment(20),
      sets: [
        rs('old', 8, '2024-01-01T00:00:00Z', annotated(13, 10)),
        rs('new', 5, '2024-01-02T00:00:00Z', annotated(13, 10)),
      ],
      want: { old: 14, new: 9 },
    },
    {
      name: 'scaling 10 → 5 mid-rollout takes from both in proportion',
      d: deployment(5),
      sets: [
        rs('old', 8, '2024-01-01T00:00:00Z', annotated(13, 10)),
        rs('new', 5, '2024-01-02T00:00:00Z', annotated(13, 10)),
      ],
      want: { old: 5, new: 3 },
    },
    {
      name: 'equal sizes scaling up give the leftover to the newer',
      d: deployment(11, 0, 1),
      sets: [
        rs('old', 5, '2024-01-01T00:00:00Z', annotated(10, 10)),
        rs('new', 5, '2024-01-02T00:00:00Z', annotated(10, 10)),
      ],
      want: { old: 5, new: 6 },
    },
    {
      name: 'scaling to zero empties every ReplicaSet',
      d: deployment(0),
      sets: [
        rs('old', 8, '2024-01-01T00:00:00Z', annotated(13, 10)),
        rs('new', 5, '2024-01-02T00:00:00Z', annotated(13, 10)),
      ],
      want: { old: 0, new: 0 },
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const desired = c.d.spec?.replicas ?? 0;
      const allowed = desired > 0 ? desired + Number(c.d.spec?.strategy?.rollingUpdate?.maxSurge ?? 0) : 0;
      const toAdd = allowed - c.sets.reduce((s, r) => s + (r.spec?.replicas ?? 0), 0);
      const sorted = [...c.sets].sort(toAdd > 0 ? bySizeNewer : bySizeOlder);
      const sizes = proportionalSizes(c.d, sorted, toAdd);
      const got = Object.fromEntries(sorted.map((r, i) => [r.metadata?.name ?? '', sizes[i]]));
      assert.deepEqual(got, c.want);
      assert.equal(
        sizes.reduce((s, n) => s + n, 0),
        allowed,
      );
    });
  }
});

describe('scaling events', () => {
  test('an active ReplicaSet sized for another count means the deployment was scaled', () => {
    const d = deployment(5);
    assert.equal(isScalingEvent(d, rs('new', 3, 'x', annotated(4, 3)), []), true);
    assert.equal(isScalingEvent(d, rs('new', 3, 'x', annotated(6, 5)), []), false);
    assert.equal(isScalingEvent(d, rs('new', 0, 'x', annotated(4, 3)), []), false, 'inactive ones do not count');
    assert.equal(isScalingEvent(d, rs('new', 3, 'x'), []), false, 'unannotated ones do not count');
  });
});
