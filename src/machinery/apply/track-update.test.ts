import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { cloneJson, type JsonObject } from '../patch/json-value.js';
import { applyAs, at, edited, entriesOf, ownedBy, T1, T2, T3, updateAs } from './apply-test-support.js';
import { FieldsV1Memo } from './fields-v1-memo.js';
import { setManagedFields } from './object-parts.js';
import { configMapSchema, deployment, deploymentSchema } from './test-schemas.js';
import { trackUpdate } from './track-update.js';

const spec = (object: JsonObject): JsonObject => object['spec'] as JsonObject;
const labels = (object: JsonObject): JsonObject => at(object, 'metadata.labels') as JsonObject;
const summary = (object: JsonObject): string[] =>
  entriesOf(object).map((e) => [e.manager, e.operation, e.apiVersion, e.subresource ?? '', e.time].join(' '));

describe('field ownership of updates', () => {
  test('a create owns every field the request set, as kube-apiserver records it', () => {
    const namespace = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'acend-test', labels: { 'kubernetes.io/metadata.name': 'acend-test' } },
    };
    const managedFields = trackUpdate(undefined, namespace, {
      manager: 'kubectl-create',
      schema: configMapSchema,
      apiVersion: 'v1',
      now: new Date('2022-11-09T15:42:21.5Z'),
      operation: 'Update',
    });
    assert.equal(
      JSON.stringify(managedFields),
      '[{"manager":"kubectl-create","operation":"Update","apiVersion":"v1","time":"2022-11-09T15:42:21Z","fieldsType":"FieldsV1",' +
        '"fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:kubernetes.io/metadata.name":{}}}}}]',
    );
  });

  test('a create owns map entries with the map itself marked', () => {
    const configMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { 'access.properties': 'a', 'ui.properties': 'b' },
    };
    const [entry] = trackUpdate(undefined, configMap, {
      manager: 'm',
      schema: configMapSchema,
      apiVersion: 'v1',
      now: T1,
      operation: 'Update',
    });
    assert.equal(JSON.stringify(entry?.fieldsV1), '{"f:data":{".":{},"f:access.properties":{},"f:ui.properties":{}}}');
  });

  test('an update after an apply moves the changed field to the updater', () => {
    const live = applyAs('web-applier', undefined, deployment({ replicas: 3 }));
    const edited5 = updateAs(
      'kubectl-edit',
      live,
      edited(live, (c) => (spec(c)['replicas'] = 5)),
      { now: T2 },
    );
    assert.ok(!ownedBy(edited5, 'web-applier').includes('.spec.replicas'));
    assert.deepEqual(ownedBy(edited5, 'kubectl-edit', 'Update'), ['.spec.replicas']);
    assert.deepEqual(summary(edited5), [
      'web-applier Apply apps/v1  2024-05-01T10:00:00Z',
      'kubectl-edit Update apps/v1  2024-05-01T10:05:00Z',
    ]);
  });

  test('a manager whose last field another write took disappears', () => {
    let live = updateAs('creator', undefined, deployment({ replicas: 1 }));
    live = updateAs(
      'scaler',
      live,
      edited(live, (c) => (spec(c)['replicas'] = 2)),
      { now: T2 },
    );
    live = updateAs(
      'other-scaler',
      live,
      edited(live, (c) => (spec(c)['replicas'] = 3)),
      { now: T3 },
    );
    assert.deepEqual(
      entriesOf(live).map((e) => e.manager),
      ['creator', 'other-scaler'],
    );
  });

  test('a removed field is taken from its owner', () => {
    let live = updateAs('creator', undefined, deployment({ replicas: 1 }, { labels: { app: 'web', tier: 'x' } }));
    live = updateAs(
      'pruner',
      live,
      edited(live, (c) => delete labels(c)['tier']),
      { now: T2 },
    );
    assert.ok(!ownedBy(live, 'creator', 'Update').includes('.metadata.labels.tier'));
    assert.deepEqual(ownedBy(live, 'pruner', 'Update'), []);
  });

  test('a manager has one Update entry per version and subresource, merging its writes', () => {
    let live = updateAs('ctl', undefined, deployment({}, { labels: { a: '1' } }));
    live = updateAs(
      'ctl',
      live,
      edited(live, (c) => (labels(c)['b'] = '2')),
      { now: T2 },
    );
    assert.deepEqual(summary(live), ['ctl Update apps/v1  2024-05-01T10:05:00Z']);
    assert.ok(ownedBy(live, 'ctl', 'Update').includes('.metadata.labels.a'));
    live = updateAs(
      'ctl',
      live,
      edited(live, (c) => (labels(c)['c'] = '3')),
      { now: T3, apiVersion: 'apps/v1beta2' },
    );
    live = updateAs(
      'ctl',
      live,
      edited(live, (c) => (c['status'] = { replicas: 1 })),
      { now: T3, subresource: 'status' },
    );
    assert.deepEqual(summary(live), [
      'ctl Update apps/v1  2024-05-01T10:05:00Z',
      'ctl Update apps/v1 status 2024-05-01T10:10:00Z',
      'ctl Update apps/v1beta2  2024-05-01T10:10:00Z',
    ]);
  });

  test('a write that changes nothing leaves managedFields as they were', () => {
    const live = updateAs('ctl', undefined, deployment({ replicas: 1 }));
    const same = updateAs(
      'ctl',
      live,
      edited(live, () => undefined),
      { now: T3 },
    );
    assert.deepEqual(entriesOf(same), entriesOf(live));
  });

  test('an object nobody tracks stays untracked through updates', () => {
    const untracked = deployment({ replicas: 1 });
    const next = updateAs(
      'ctl',
      untracked,
      edited(untracked, (c) => (spec(c)['replicas'] = 2)),
    );
    assert.deepEqual(entriesOf(next), []);
  });

  const resets: { name: string; managedFields: unknown }[] = [
    { name: 'a list of one empty entry', managedFields: [{}] },
    { name: 'an empty list', managedFields: [] },
  ];
  for (const r of resets) {
    test(`an update sending ${r.name} clears managedFields`, () => {
      const live = updateAs('ctl', undefined, deployment({ replicas: 1 }));
      const cleared = updateAs(
        'ctl',
        live,
        edited(live, (c) => ((c['metadata'] as JsonObject)['managedFields'] = r.managedFields)),
      );
      assert.deepEqual(entriesOf(cleared), []);
    });
  }

  test('an update may rewrite managedFields itself, but not through a subresource', () => {
    let live = updateAs('a', undefined, deployment({}, { labels: { a: '1' } }));
    live = updateAs(
      'b',
      live,
      edited(live, (c) => (labels(c)['b'] = '1')),
      { now: T2 },
    );
    const onlyB = entriesOf(live).filter((e) => e.manager === 'b');
    const rewritten = updateAs(
      'c',
      live,
      edited(live, (c) => ((c['metadata'] as JsonObject)['managedFields'] = onlyB)),
    );
    assert.deepEqual(
      entriesOf(rewritten).map((e) => e.manager),
      ['b'],
    );
    const viaStatus = updateAs(
      'c',
      live,
      edited(live, (c) => ((c['metadata'] as JsonObject)['managedFields'] = onlyB)),
      { subresource: 'status' },
    );
    assert.deepEqual(
      entriesOf(viaStatus).map((e) => e.manager),
      ['a', 'b'],
    );
  });

  test('reset fields are owned by no one', () => {
    const live = updateAs(
      'ctl',
      undefined,
      edited(deployment({ replicas: 1 }), (c) => (c['status'] = { replicas: 0 })),
      {
        resetFields: [['status']],
      },
    );
    assert.ok(!ownedBy(live, 'ctl', 'Update').some((p) => p.startsWith('.status')));
  });

  test('beyond ten Update entries the oldest merge into ancient-changes', () => {
    let live = updateAs('writer-00', undefined, deployment({}, { labels: { l0: 'x' } }), {
      now: new Date(Date.UTC(2024, 0, 1, 0, 0, 0)),
    });
    for (let i = 1; i <= 10; i++) {
      const name = `writer-${String(i).padStart(2, '0')}`;
      live = updateAs(
        name,
        live,
        edited(live, (c) => (labels(c)[`l${i}`] = 'x')),
        { now: new Date(Date.UTC(2024, 0, 1, 0, 0, i)) },
      );
    }
    const managers = entriesOf(live).map((e) => e.manager);
    assert.equal(managers.length, 10);
    assert.deepEqual(managers.slice(0, 2), ['ancient-changes', 'writer-02']);
    const ancient = ownedBy(live, 'ancient-changes', 'Update');
    assert.ok(ancient.includes('.metadata.labels.l0') && ancient.includes('.metadata.labels.l1'));
    assert.ok(!managers.includes('writer-00') && !managers.includes('writer-01'));
  });

  test('a memo of decoded sets records the very same managedFields, write after write', () => {
    const memo = new FieldsV1Memo();
    const writes: { manager: string; change: (c: JsonObject) => void; subresource?: string }[] = [
      { manager: 'scaler', change: (c) => (spec(c)['replicas'] = 2) },
      { manager: 'labeler', change: (c) => (labels(c)['tier'] = 'web') },
      { manager: 'status-writer', change: (c) => (c['status'] = { replicas: 2 }), subresource: 'status' },
      { manager: 'scaler', change: (c) => (spec(c)['replicas'] = 3) },
    ];
    let plain = updateAs('creator', undefined, deployment({ replicas: 1 }, { labels: { app: 'web' } }));
    let memoised = plain;
    writes.forEach((w, i) => {
      const options = {
        manager: w.manager,
        schema: deploymentSchema,
        apiVersion: 'apps/v1',
        now: new Date(Date.UTC(2024, 0, 1, 0, 0, i)),
        operation: 'Update' as const,
        ...(w.subresource ? { subresource: w.subresource } : {}),
      };
      const next = (live: JsonObject, withMemo: boolean): JsonObject => {
        const updated = edited(live, w.change);
        const stored = cloneJson(updated);
        setManagedFields(stored, trackUpdate(live, updated, withMemo ? { ...options, memo } : options));
        return stored;
      };
      plain = next(plain, false);
      memoised = next(memoised, true);
      assert.deepEqual(entriesOf(memoised), entriesOf(plain), `after write ${i + 1}`);
    });
    assert.ok(memo.size > 0);
  });
});
