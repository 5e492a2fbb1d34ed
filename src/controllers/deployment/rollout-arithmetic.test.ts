import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import {
  type IntOrString,
  isSaturated,
  maxSurge,
  maxUnavailable,
  newReplicaSetReplicas,
  proportionOf,
  resolveFenceposts,
  scaledValueFromIntOrPercent,
} from './rollout-arithmetic.js';

function deployment(
  replicas: number,
  surge: IntOrString,
  unavailable: IntOrString,
  type = 'RollingUpdate',
): Deployment {
  return {
    metadata: { name: 'd' },
    spec: {
      replicas,
      selector: { matchLabels: { a: 'b' } },
      template: {},
      strategy: {
        type,
        ...(type === 'RollingUpdate' ? { rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } } : {}),
      },
    },
  } as Deployment;
}

const rs = (replicas: number, extra: { available?: number; annotations?: Record<string, string> } = {}): ReplicaSet =>
  ({
    metadata: { name: `rs${replicas}`, annotations: extra.annotations ?? {} },
    spec: { replicas },
    status: { replicas, availableReplicas: extra.available ?? 0 },
  }) as ReplicaSet;

describe('int or percent', () => {
  const cases: { value: IntOrString; total: number; roundUp: boolean; want: number }[] = [
    { value: 3, total: 10, roundUp: true, want: 3 },
    { value: '25%', total: 3, roundUp: true, want: 1 },
    { value: '25%', total: 3, roundUp: false, want: 0 },
    { value: '25%', total: 10, roundUp: true, want: 3 },
    { value: '25%', total: 10, roundUp: false, want: 2 },
    { value: '100%', total: 7, roundUp: false, want: 7 },
    { value: '0%', total: 7, roundUp: true, want: 0 },
  ];
  for (const c of cases) {
    test(`${JSON.stringify(c.value)} of ${c.total} rounded ${c.roundUp ? 'up' : 'down'} is ${c.want}`, () => {
      assert.equal(scaledValueFromIntOrPercent(c.value, c.total, c.roundUp), c.want);
    });
  }

  test('a string that is not a percentage is refused with upstream words', () => {
    assert.throws(() => scaledValueFromIntOrPercent('5', 10, true), /invalid type: string is not a percentage/);
  });
});

describe('fenceposts', () => {
  const cases: {
    name: string;
    surge: IntOrString;
    unavailable: IntOrString;
    desired: number;
    want: [number, number];
  }[] = [
    {
      name: 'the defaults on 4 replicas allow one more and one less',
      surge: '25%',
      unavailable: '25%',
      desired: 4,
      want: [1, 1],
    },
    { name: 'surge rounds up and unavailability down', surge: '25%', unavailable: '25%', desired: 3, want: [1, 0] },
    {
      name: 'a tiny surge percentage still rounds up to one',
      surge: '1%',
      unavailable: '1%',
      desired: 2,
      want: [1, 0],
    },
    { name: 'when both round to zero, one may be unavailable', surge: 0, unavailable: '10%', desired: 5, want: [0, 1] },
    { name: 'absolute numbers are taken as they are', surge: 3, unavailable: 2, desired: 10, want: [3, 2] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const { surge, unavailable } = resolveFenceposts(c.surge, c.unavailable, c.desired);
      assert.deepEqual([surge, unavailable], c.want);
    });
  }

  test('maxUnavailable never exceeds the replicas, and is zero at zero replicas or for Recreate', () => {
    assert.equal(maxUnavailable(deployment(2, 0, 5)), 2);
    assert.equal(maxUnavailable(deployment(0, 1, 1)), 0);
    assert.equal(maxUnavailable(deployment(3, 1, 1, 'Recreate')), 0);
    assert.equal(maxSurge(deployment(3, 1, 1, 'Recreate')), 0);
    assert.equal(maxSurge(deployment(10, '25%', '25%')), 3);
  });
});

describe('the new ReplicaSet size', () => {
  const cases: { name: string; d: Deployment; all: number[]; current: number; want: number }[] = [
    {
      name: 'a first ReplicaSet grows to the full count at once',
      d: deployment(3, '25%', '25%'),
      all: [],
      current: 0,
      want: 3,
    },
    { name: 'a rollout grows the new ReplicaSet by the surge', d: deployment(4, 1, 0), all: [4], current: 0, want: 1 },
    { name: 'at the surge limit it does not grow', d: deployment(4, 1, 0), all: [4, 1], current: 1, want: 1 },
    { name: 'it never grows beyond the desired count', d: deployment(4, 10, 0), all: [1], current: 3, want: 4 },
    { name: 'Recreate takes the whole count', d: deployment(5, 0, 0, 'Recreate'), all: [0], current: 0, want: 5 },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const fresh = rs(c.current);
      assert.equal(newReplicaSetReplicas(c.d, [...c.all.map((n) => rs(n)), fresh], fresh), c.want);
    });
  }
});

describe('saturation and proportions', () => {
  test('a new ReplicaSet is saturated when sized, annotated and available at the desired count', () => {
    const d = deployment(3, 1, 1);
    const annotations = { 'deployment.kubernetes.io/desired-replicas': '3' };
    assert.equal(isSaturated(d, rs(3, { available: 3, annotations })), true);
    assert.equal(isSaturated(d, rs(3, { available: 2, annotations })), false);
    assert.equal(isSaturated(d, rs(3, { available: 3 })), false);
    assert.equal(isSaturated(d, undefined), false);
  });

  test('a ReplicaSet gets its share of the added replicas, bounded by what is left', () => {
    const d = deployment(20, 3, 2);
    const old = rs(8, { annotations: { 'deployment.kubernetes.io/max-replicas': '13' } });
    assert.equal(proportionOf(old, d, 10, 0), 6);
    assert.equal(proportionOf(old, d, 10, 8), 2);
    assert.equal(proportionOf(rs(0), d, 10, 0), 0);
  });

  test('scaling to zero takes a ReplicaSet whole', () => {
    const d = deployment(0, 3, 2);
    assert.equal(
      proportionOf(rs(5, { annotations: { 'deployment.kubernetes.io/max-replicas': '13' } }), d, -13, 0),
      -5,
    );
  });
});
