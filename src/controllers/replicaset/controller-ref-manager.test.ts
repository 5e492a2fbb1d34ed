import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubeObject } from '../../client/kube-object.js';
import { ApiError } from '../../client/rest/api-error.js';
import { StatusReason } from '../../machinery/status.js';
import {
  adoptionPatch,
  claimObjects,
  type ClaimingOwner,
  recheckOnce,
  releasePatch,
} from './controller-ref-manager.js';

interface Obj extends KubeObject {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    deletionTimestamp?: string;
    ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
  };
}

const obj = (
  name: string,
  labels: Record<string, string>,
  controllerUid?: string,
  extra: Partial<Obj['metadata']> = {},
): Obj => ({
  metadata: {
    name,
    namespace: 'ns',
    labels,
    ...(controllerUid
      ? { ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: controllerUid, controller: true }] }
      : {}),
    ...extra,
  },
});

const OWNER: ClaimingOwner = { uid: 'me', namespace: 'ns', deleting: false };

function actions(fail?: unknown) {
  const adopted: string[] = [];
  const released: string[] = [];
  return {
    adopted,
    released,
    actions: {
      match: (o: Obj) => o.metadata.labels?.['app'] === 'a',
      adopt: async (o: Obj) => {
        if (fail) throw fail;
        adopted.push(o.metadata.name);
      },
      release: async (o: Obj) => {
        if (fail) throw fail;
        released.push(o.metadata.name);
      },
    },
  };
}

describe('claiming', () => {
  test('owned and matching objects are claimed; matching orphans adopted; owned strays released; others ignored', async () => {
    const a = actions();
    const result = await claimObjects(
      OWNER,
      [
        obj('mine', { app: 'a' }, 'me'),
        obj('orphan', { app: 'a' }),
        obj('stray', { app: 'b' }, 'me'),
        obj('theirs', { app: 'a' }, 'someone-else'),
        obj('unmatched-orphan', { app: 'b' }),
        obj('dying-orphan', { app: 'a' }, undefined, { deletionTimestamp: '2024-01-01T00:00:00Z' }),
        obj('other-namespace', { app: 'a' }, undefined, { namespace: 'other' }),
      ],
      a.actions,
    );
    assert.deepEqual(
      result.claimed.map((o) => o.metadata.name),
      ['mine', 'orphan'],
    );
    assert.deepEqual(a.adopted, ['orphan']);
    assert.deepEqual(a.released, ['stray']);
    assert.equal(result.error, undefined);
  });

  test('an owner being deleted keeps what it has but adopts and releases nothing', async () => {
    const a = actions();
    const result = await claimObjects(
      { ...OWNER, deleting: true },
      [obj('mine', { app: 'a' }, 'me'), obj('orphan', { app: 'a' }), obj('stray', { app: 'b' }, 'me')],
      a.actions,
    );
    assert.deepEqual(
      result.claimed.map((o) => o.metadata.name),
      ['mine'],
    );
    assert.deepEqual([...a.adopted, ...a.released], []);
  });

  test('a vanished object is skipped, another failure is reported', async () => {
    const notFound = new ApiError({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      reason: StatusReason.NotFound,
      code: 404,
    });
    const gone = await claimObjects(OWNER, [obj('orphan', { app: 'a' })], actions(notFound).actions);
    assert.deepEqual(gone, { claimed: [] });
    const failing = await claimObjects(OWNER, [obj('orphan', { app: 'a' })], actions(new Error('boom')).actions);
    assert.equal((failing.error as Error).message, 'boom');
  });

  test('the patches carry the object UID, as upstream sends them', () => {
    const ref = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name: 'rs',
      uid: 'me',
      controller: true,
      blockOwnerDeletion: true,
    };
    assert.deepEqual(adoptionPatch(ref, 'pod-uid'), { metadata: { ownerReferences: [ref], uid: 'pod-uid' } });
    assert.deepEqual(releasePatch('me', 'pod-uid'), {
      metadata: { ownerReferences: [{ $patch: 'delete', uid: 'me' }], uid: 'pod-uid' },
    });
  });

  test('the adoption recheck runs once however often it is asked', async () => {
    let runs = 0;
    const check = recheckOnce(async () => {
      runs++;
    });
    await Promise.all([check(), check(), check()]);
    assert.equal(runs, 1);
  });
});
