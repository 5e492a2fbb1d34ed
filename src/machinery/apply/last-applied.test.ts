import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { JsonObject } from '../patch/json-value.js';
import { StatusError } from '../status.js';
import { applyAs, at, edited, ownedBy, T2, updateAs } from './apply-test-support.js';
import { printManager } from './conflict-error.js';
import { LAST_APPLIED_ANNOTATION, lastAppliedValue } from './last-applied.js';
import { deployment } from './test-schemas.js';

const spec = (object: JsonObject): JsonObject => object['spec'] as JsonObject;

/** An object as kubectl's client-side apply creates it: the configuration plus its annotation. */
function clientSideApplied(config: JsonObject): JsonObject {
  const created = edited(config, (c) => {
    (c['metadata'] as JsonObject)['annotations'] = { [LAST_APPLIED_ANNOTATION]: lastAppliedValue(config) };
  });
  return updateAs('kubectl-client-side-apply', undefined, created);
}

describe('moving from client-side to server-side apply', () => {
  test('the annotation holds the configuration as Go writes it, members sorted, newline-terminated', () => {
    const config = {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'c', annotations: { [LAST_APPLIED_ANNOTATION]: 'old', a: '<b>' } },
    };
    assert.equal(
      lastAppliedValue(config),
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"annotations":{"a":"\\u003cb\\u003e"},"name":"c"}}\n',
    );
  });

  test('kubectl may take over fields its last client-side apply set, and the annotation follows', () => {
    const live = clientSideApplied(deployment({ replicas: 3 }));
    const config = deployment({ replicas: 4 });
    const next = applyAs('kubectl', live, config, { now: T2 });
    assert.equal(spec(next)['replicas'], 4);
    assert.ok(ownedBy(next, 'kubectl').includes('.spec.replicas'));
    assert.ok(!ownedBy(next, 'kubectl-client-side-apply', 'Update').includes('.spec.replicas'));
    assert.equal((at(next, 'metadata.annotations') as JsonObject)[LAST_APPLIED_ANNOTATION], lastAppliedValue(config));
  });

  test('another manager gets the conflict', () => {
    const live = clientSideApplied(deployment({ replicas: 3 }));
    assert.throws(
      () => applyAs('helm', live, deployment({ replicas: 4 })),
      (err: unknown) => err instanceof StatusError && err.code === 409,
    );
  });

  test('a field changed since the last client-side apply still conflicts', () => {
    const created = clientSideApplied(deployment({ replicas: 3 }));
    const scaled = updateAs(
      'kubectl-edit',
      created,
      edited(created, (c) => (spec(c)['replicas'] = 5)),
    );
    assert.throws(
      () => applyAs('kubectl', scaled, deployment({ replicas: 4 })),
      (err: unknown) =>
        err instanceof StatusError &&
        err.message === 'Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas',
    );
  });
});

describe('how conflicts name managers', () => {
  const cases: { name: string; identifier: string; printed: string }[] = [
    { name: 'an applier by name', identifier: '{"manager":"kubectl","operation":"Apply"}', printed: '"kubectl"' },
    {
      name: 'an updater with its version',
      identifier: '{"manager":"m","operation":"Update","apiVersion":"apps/v1"}',
      printed: '"m" using apps/v1',
    },
    {
      name: 'a subresource writer with its subresource',
      identifier: '{"manager":"kubelet","operation":"Update","apiVersion":"v1","subresource":"status"}',
      printed: '"kubelet" with subresource "status" using v1',
    },
    { name: 'something that is no identifier, quoted', identifier: 'odd"name', printed: '"odd\\"name"' },
  ];
  for (const c of cases) test(c.name, () => assert.equal(printManager(c.identifier), c.printed));
});
