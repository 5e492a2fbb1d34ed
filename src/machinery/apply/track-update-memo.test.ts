import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { cloneJson, type JsonObject } from '../patch/json-value.js';
import { edited, entriesOf, T1, T2, T3, updateAs } from './apply-test-support.js';
import { FieldsV1Memo } from './fields-v1-memo.js';
import type { ManagedFieldsEntry } from './managed-fields.js';
import { configMapSchema, deployment, deploymentSchema } from './test-schemas.js';
import { trackUpdate, type TrackUpdateOptions } from './track-update.js';

const status = (object: JsonObject): JsonObject => object['status'] as JsonObject;
const data = (object: JsonObject): JsonObject => object['data'] as JsonObject;

/** A Deployment made by `creator` and given a status by `status-writer`, as the API server records them. */
function deploymentWithStatus(): JsonObject {
  const created = updateAs('creator', undefined, deployment({ replicas: 3 }, { labels: { app: 'web' } }), {
    resetFields: [['status']],
  });
  return updateAs(
    'status-writer',
    created,
    edited(created, (c) => (c['status'] = { replicas: 3, readyReplicas: 1 })),
    { now: T2, subresource: 'status', resetFields: [['spec']] },
  );
}

/** A lease-like ConfigMap held and renewed by `holder` alone. */
function heldConfigMap(): JsonObject {
  const object = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'lease' },
    data: { renewed: '1', holder: 'h' },
  };
  return updateAs('holder', undefined, object, { schema: configMapSchema, apiVersion: 'v1' });
}

interface Case {
  readonly name: string;
  readonly live: () => JsonObject;
  readonly manager: string;
  readonly change: (copy: JsonObject) => void;
  readonly status?: boolean;
  readonly configMap?: boolean;
  /** The managers whose entries come out with the very FieldsV1 object they came in with. */
  readonly reused: readonly string[];
}

const cases: Case[] = [
  {
    name: 'a renewal that changes only a field its sole manager owns hands the entry on, with a new time',
    live: heldConfigMap,
    manager: 'holder',
    change: (c) => (data(c)['renewed'] = '2'),
    configMap: true,
    reused: ['holder'],
  },
  {
    name: 'a status write of fields the status writer owns leaves every entry’s fields as they came',
    live: deploymentWithStatus,
    manager: 'status-writer',
    change: (c) => (status(c)['readyReplicas'] = 3),
    status: true,
    reused: ['creator', 'status-writer'],
  },
  {
    name: 'a status write that adds a field encodes the writer’s grown set afresh',
    live: deploymentWithStatus,
    manager: 'status-writer',
    change: (c) => (status(c)['conditions'] = [{ type: 'Available', status: 'True' }]),
    status: true,
    reused: ['creator'],
  },
  {
    name: 'a first status write by a new manager hands on the creator’s entry',
    live: deploymentWithStatus,
    manager: 'other-status-writer',
    change: (c) => (status(c)['conditions'] = [{ type: 'Progressing', status: 'True' }]),
    status: true,
    reused: ['creator', 'status-writer'],
  },
  {
    name: 'a write that takes a field from another manager encodes that manager’s smaller set afresh',
    live: deploymentWithStatus,
    manager: 'scaler',
    change: (c) => ((c['spec'] as JsonObject)['replicas'] = 5),
    reused: ['status-writer'],
  },
  {
    name: 'entries whose fields are not in the form the API server writes are encoded afresh',
    live: () =>
      edited(heldConfigMap(), (c) => {
        const [entry] = entriesOf(c);
        const fields = (entry as ManagedFieldsEntry).fieldsV1 as JsonObject;
        (entry as ManagedFieldsEntry).fieldsV1 = Object.fromEntries(Object.entries(fields).reverse());
        (fields['f:data'] as JsonObject)['x:unknown'] = {};
      }),
    manager: 'holder',
    change: (c) => (data(c)['renewed'] = '2'),
    configMap: true,
    reused: [],
  },
];

describe('writes recorded with a memo', () => {
  for (const c of cases) {
    test(`${c.name}, and records what the plain algorithm records`, () => {
      const live = c.live();
      const updated = edited(live, c.change);
      const options: TrackUpdateOptions = {
        manager: c.manager,
        schema: c.configMap ? configMapSchema : deploymentSchema,
        apiVersion: c.configMap ? 'v1' : 'apps/v1',
        now: T3,
        operation: 'Update',
        ...(c.configMap ? {} : { resetFields: [[c.status ? 'spec' : 'status']] }),
        ...(c.status ? { subresource: 'status' } : {}),
      };
      const plain = trackUpdate(cloneJson(live), cloneJson(updated), options);
      const memo = new FieldsV1Memo();
      // A first write warms the memo, as earlier writes of the same kind would have.
      trackUpdate(cloneJson(live), cloneJson(updated), { ...options, memo });
      const given = c.status ? live : updated;
      const memoised = trackUpdate(live, updated, { ...options, memo });
      assert.equal(JSON.stringify(memoised), JSON.stringify(plain));
      assert.deepEqual(memoised, plain);
      const inputs = new Map(entriesOf(given).map((e) => [e.manager, e.fieldsV1]));
      const reused = memoised.filter((e) => e.fieldsV1 === inputs.get(e.manager)).map((e) => e.manager);
      assert.deepEqual(reused.sort(), [...c.reused].sort());
      assert.equal(memoised.find((e) => e.manager === c.manager)?.time, '2024-05-01T10:10:00Z');
    });
  }

  test('the times of entries a write does not touch stay as they were', () => {
    const live = deploymentWithStatus();
    const memoised = trackUpdate(
      live,
      edited(live, (c) => (status(c)['readyReplicas'] = 2)),
      {
        manager: 'status-writer',
        schema: deploymentSchema,
        apiVersion: 'apps/v1',
        now: T3,
        operation: 'Update',
        subresource: 'status',
        resetFields: [['spec']],
        memo: new FieldsV1Memo(),
      },
    );
    assert.deepEqual(
      memoised.map((e) => [e.manager, e.time]),
      [
        ['creator', T1.toISOString().replace(/\.\d+Z$/, 'Z')],
        ['status-writer', '2024-05-01T10:10:00Z'],
      ],
    );
  });
});
