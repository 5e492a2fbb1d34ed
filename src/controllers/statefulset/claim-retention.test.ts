import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StatefulSet } from '../../api/apps/v1/stateful-set.js';
import type { PersistentVolumeClaim } from '../../api/core/v1/persistent-volume-claim.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { claimOwnerRefsFor, isClaimOwnerUpToDate, podClaimIsStale } from './claim-retention.js';

type Policy = 'Retain' | 'Delete';
const set = (whenScaled: Policy, whenDeleted: Policy, replicas = 2): StatefulSet =>
  ({
    metadata: { name: 'web', uid: 'set-uid' },
    spec: { replicas, persistentVolumeClaimRetentionPolicy: { whenScaled, whenDeleted } },
  }) as StatefulSet;
const pod = (ordinal: number, uid = `pod-${ordinal}`): Pod => ({ metadata: { name: `web-${ordinal}`, uid } }) as Pod;
const setRef = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  name: 'web',
  uid: 'set-uid',
  controller: true,
  blockOwnerDeletion: true,
};
const podRef = (ordinal: number, uid = `pod-${ordinal}`) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  name: `web-${ordinal}`,
  uid,
  controller: true,
  blockOwnerDeletion: true,
});
const claim = (...refs: object[]): PersistentVolumeClaim =>
  ({ metadata: { name: 'www-web-0', ownerReferences: refs } }) as PersistentVolumeClaim;
const uids = (refs: readonly { uid: string }[]) => refs.map((r) => r.uid);

describe('claim retention', () => {
  const cases: { name: string; set: StatefulSet; ordinal: number; want: string[] }[] = [
    { name: 'Retain on both: no references', set: set('Retain', 'Retain'), ordinal: 0, want: [] },
    {
      name: 'Delete with the set: the set controls the claim',
      set: set('Retain', 'Delete'),
      ordinal: 0,
      want: ['set-uid'],
    },
    { name: 'Delete on scale-down, pod in range: no references', set: set('Delete', 'Retain'), ordinal: 0, want: [] },
    {
      name: 'Delete on scale-down, pod scaled away: the pod controls the claim',
      set: set('Delete', 'Retain'),
      ordinal: 3,
      want: ['pod-3'],
    },
    {
      name: 'Delete on both, pod in range: the set controls the claim',
      set: set('Delete', 'Delete'),
      ordinal: 1,
      want: ['set-uid'],
    },
    {
      name: 'Delete on both, pod scaled away: the pod controls the claim',
      set: set('Delete', 'Delete'),
      ordinal: 2,
      want: ['pod-2'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const fresh = claim();
      const refs = claimOwnerRefsFor(fresh, c.set, pod(c.ordinal));
      assert.deepEqual(uids(refs), c.want);
      assert.equal(isClaimOwnerUpToDate(fresh, c.set, pod(c.ordinal)), c.want.length === 0);
      const updated = claim(...refs);
      assert.ok(isClaimOwnerUpToDate(updated, c.set, pod(c.ordinal)), 'the rewritten claim is up to date');
    });
  }

  test('switching back to Retain removes the set reference', () => {
    const held = claim(setRef);
    assert.ok(!isClaimOwnerUpToDate(held, set('Retain', 'Retain'), pod(0)));
    assert.deepEqual(claimOwnerRefsFor(held, set('Retain', 'Retain'), pod(0)), []);
  });

  test('a claim held by another controller is left alone, but our references are scrubbed', () => {
    const other = { apiVersion: 'x/v1', kind: 'Thing', name: 't', uid: 'thing', controller: true };
    assert.ok(isClaimOwnerUpToDate(claim(other), set('Retain', 'Delete'), pod(0)));
    assert.deepEqual(uids(claimOwnerRefsFor(claim(other, setRef), set('Retain', 'Delete'), pod(0))), ['thing']);
  });

  test('a reference to a deleted namesake of the set is not touched', () => {
    const stale = { ...setRef, uid: 'old-set' };
    assert.ok(isClaimOwnerUpToDate(claim(stale), set('Retain', 'Delete'), pod(0)));
  });

  test('a claim of a deleted namesake pod is stale for the pod to be created', () => {
    assert.ok(podClaimIsStale(claim(podRef(0, 'old-pod')), pod(0, '')));
    assert.ok(!podClaimIsStale(claim(setRef), pod(0, '')));
  });
});
