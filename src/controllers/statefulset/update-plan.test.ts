import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StatefulSet } from '../../api/apps/v1/stateful-set.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { createsAtCurrentRevision, podsToDeleteForUpdate, resolveMaxUnavailable } from './update-plan.js';

/** web-<i> at revision `rev`: healthy unless `state` says otherwise. */
const pod = (i: number, rev: string, state: 'healthy' | 'unready' | 'terminating' = 'healthy'): Pod =>
  ({
    metadata: {
      name: `web-${i}`,
      labels: { 'controller-revision-hash': rev },
      ...(state === 'terminating' ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}),
    },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: state === 'unready' ? 'False' : 'True' }],
    },
  }) as Pod;

const names = (pods: readonly Pod[]) => pods.map((p) => p.metadata?.name);

describe('rolling update order', () => {
  const cases: { name: string; pods: Pod[]; partition: number; maxUnavailable: number; want: string[] }[] = [
    {
      name: 'the highest outdated ordinal goes first',
      pods: [pod(0, 'old'), pod(1, 'old'), pod(2, 'old')],
      partition: 0,
      maxUnavailable: 1,
      want: ['web-2'],
    },
    {
      name: 'updated pods are skipped on the way down',
      pods: [pod(0, 'old'), pod(1, 'old'), pod(2, 'new')],
      partition: 0,
      maxUnavailable: 1,
      want: ['web-1'],
    },
    {
      name: 'nothing below the partition is touched',
      pods: [pod(0, 'old'), pod(1, 'old'), pod(2, 'new')],
      partition: 2,
      maxUnavailable: 1,
      want: [],
    },
    {
      name: 'the partition ordinal itself is updated',
      pods: [pod(0, 'old'), pod(1, 'old'), pod(2, 'old')],
      partition: 2,
      maxUnavailable: 1,
      want: ['web-2'],
    },
    {
      name: 'an unhealthy pod anywhere uses up the budget of one',
      pods: [pod(0, 'old', 'unready'), pod(1, 'old'), pod(2, 'old')],
      partition: 1,
      maxUnavailable: 1,
      want: [],
    },
    {
      name: 'a terminating pod counts as unavailable and is not deleted again',
      pods: [pod(0, 'old'), pod(1, 'old'), pod(2, 'old', 'terminating')],
      partition: 0,
      maxUnavailable: 2,
      want: ['web-1'],
    },
    {
      name: 'maxUnavailable lets several go at once, highest first',
      pods: [pod(0, 'old'), pod(1, 'old'), pod(2, 'old'), pod(3, 'old')],
      partition: 0,
      maxUnavailable: 3,
      want: ['web-3', 'web-2', 'web-1'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.deepEqual(names(podsToDeleteForUpdate(c.pods, 'new', c.partition, c.maxUnavailable)), c.want);
    });
  }
});

describe('maxUnavailable', () => {
  const cases: { name: string; value: number | string | undefined; replicas: number; want: number }[] = [
    { name: 'absent means one', value: undefined, replicas: 5, want: 1 },
    { name: 'an integer is taken as is', value: 3, replicas: 5, want: 3 },
    { name: 'a percentage rounds down', value: '50%', replicas: 5, want: 2 },
    { name: 'a percentage rounding to zero still allows one', value: '10%', replicas: 5, want: 1 },
  ];
  for (const c of cases) test(c.name, () => assert.equal(resolveMaxUnavailable(c.value, c.replicas), c.want));

  test('a string that is not a percentage is refused', () => {
    assert.throws(() => resolveMaxUnavailable('half', 4), /not a percentage/);
  });
});

describe('the revision of a pod created now', () => {
  const set = (strategy: NonNullable<StatefulSet['spec']>['updateStrategy'], currentReplicas = 0): StatefulSet =>
    ({ spec: { updateStrategy: strategy }, status: { replicas: 3, currentReplicas } }) as StatefulSet;
  const cases: { name: string; set: StatefulSet; ordinal: number; current: boolean }[] = [
    {
      name: 'below the partition it is the current revision',
      set: set({ type: 'RollingUpdate', rollingUpdate: { partition: 2 } }),
      ordinal: 1,
      current: true,
    },
    {
      name: 'at the partition it is the update revision',
      set: set({ type: 'RollingUpdate', rollingUpdate: { partition: 2 } }),
      ordinal: 2,
      current: false,
    },
    {
      name: 'with partition 0 every ordinal gets the update revision',
      set: set({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } }),
      ordinal: 0,
      current: false,
    },
    {
      name: 'a RollingUpdate without settings keeps the first currentReplicas ordinals current',
      set: set({ type: 'RollingUpdate' }, 2),
      ordinal: 1,
      current: true,
    },
    {
      name: 'OnDelete always creates at the update revision',
      set: set({ type: 'OnDelete' }, 3),
      ordinal: 0,
      current: false,
    },
  ];
  for (const c of cases) test(c.name, () => assert.equal(createsAtCurrentRevision(c.set, c.ordinal), c.current));
});
