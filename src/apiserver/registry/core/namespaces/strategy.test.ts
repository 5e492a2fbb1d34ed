import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NamespaceKind } from '../../../../api/core/v1/namespace.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, update, updateStatus } from '../validation/strategy-harness.js';
import { namespacesStrategy } from './strategy.js';

const ns = (fields: Record<string, unknown> = {}): ApiObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'team-a' },
  ...fields,
});

describe('namespaces strategy', () => {
  test('a new namespace is Active with the kubernetes finalizer', () => {
    const { obj, errors } = create(namespacesStrategy, NamespaceKind, ns({ status: { phase: 'Terminating' } }));
    assert.deepEqual(errors, []);
    assert.deepEqual(obj.status, { phase: 'Active' });
    assert.deepEqual(obj.spec, { finalizers: ['kubernetes'] });
  });

  test('canonicalize adds the metadata.name label', () => {
    const { obj } = create(namespacesStrategy, NamespaceKind, ns());
    namespacesStrategy.canonicalize?.(obj);
    assert.deepEqual((obj.metadata as { labels?: unknown }).labels, { 'kubernetes.io/metadata.name': 'team-a' });
  });

  const cases: { name: string; finalizer: string; errors: string[] }[] = [
    { name: 'a prefixed finalizer is valid', finalizer: 'example.com/cleanup', errors: [] },
    {
      name: 'an unprefixed finalizer must be a standard one',
      finalizer: 'cleanup',
      errors: [
        'spec.finalizers: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
      ],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.deepEqual(
        create(namespacesStrategy, NamespaceKind, ns({ spec: { finalizers: [c.finalizer] } })).errors,
        c.errors,
      );
    });
  }

  test('an update cannot change finalizers or status', () => {
    const old = stored(namespacesStrategy, NamespaceKind, ns());
    const { obj } = update(
      namespacesStrategy,
      NamespaceKind,
      ns({ spec: { finalizers: [] }, status: { phase: 'Terminating' } }),
      old,
    );
    assert.deepEqual(obj.spec, { finalizers: ['kubernetes'] });
    assert.deepEqual(obj.status, { phase: 'Active' });
  });

  test('a namespace without a deletion timestamp must stay Active', () => {
    const old = stored(namespacesStrategy, NamespaceKind, ns());
    const { errors } = updateStatus(namespacesStrategy, NamespaceKind, ns({ status: { phase: 'Terminating' } }), old);
    assert.deepEqual(errors, [
      'status.Phase: Invalid value: "Terminating": may only be \'Active\' if `deletionTimestamp` is empty',
    ]);
  });

  test('namespace names are DNS labels', () => {
    assert.deepEqual(namespacesStrategy.validateName?.('team-a', false), []);
    assert.deepEqual(namespacesStrategy.validateName?.('team.a', false), ['must not contain dots']);
  });
});
