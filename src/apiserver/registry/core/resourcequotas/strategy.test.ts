import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ResourceQuotaKind } from '../../../../api/core/v1/resource-quota.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, update, updateStatus } from '../validation/strategy-harness.js';
import { resourcequotasStrategy } from './strategy.js';

const rq = (spec: Record<string, unknown>, status?: Record<string, unknown>): ApiObject => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name: 'quota', namespace: 'default' },
  spec,
  ...(status ? { status } : {}),
});

describe('resourcequotas strategy', () => {
  const cases: { name: string; input: ApiObject; errors: string[] }[] = [
    {
      name: 'standard resources are valid',
      input: rq({ hard: { pods: '10', 'requests.cpu': '4', 'count/deployments.apps': '5' } }),
      errors: [],
    },
    {
      name: 'an unknown unprefixed resource is rejected',
      input: rq({ hard: { widgets: '3' } }),
      errors: [
        'spec.hard[widgets]: Invalid value: "widgets": must be a standard resource type or fully qualified',
        'spec.hard[widgets]: Invalid value: "widgets": must be a standard resource for quota',
      ],
    },
    {
      name: 'a pod count must be whole',
      input: rq({ hard: { pods: '2.5' } }),
      errors: ['spec.hard[pods]: Invalid value: "2.5": must be an integer'],
    },
    {
      name: 'conflicting scopes are rejected',
      input: rq({ hard: { pods: '1' }, scopes: ['BestEffort', 'NotBestEffort'] }),
      errors: ['spec.scopes: Invalid value: []string{"BestEffort", "NotBestEffort"}: conflicting scopes'],
    },
    {
      name: 'a scope must apply to the resources',
      input: rq({ hard: { 'requests.cpu': '1' }, scopes: ['BestEffort'] }),
      errors: ['spec.scopes: Invalid value: []string{"BestEffort"}: unsupported scope applied to resource'],
    },
    {
      name: 'a scope selector In needs values',
      input: rq({
        hard: { pods: '1' },
        scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In' }] },
      }),
      errors: [
        "spec.scopeSelector.matchExpressions.values: Required value: must be at least one value when `operator` is 'In' or 'NotIn' for scope selector",
      ],
    },
  ];
  for (const c of cases)
    test(c.name, () => assert.deepEqual(create(resourcequotasStrategy, ResourceQuotaKind, c.input).errors, c.errors));

  test('status is cleared on create and kept on update', () => {
    const { obj } = create(
      resourcequotasStrategy,
      ResourceQuotaKind,
      rq({ hard: { pods: '1' } }, { used: { pods: '1' } }),
    );
    assert.equal(obj.status, undefined);
    const old = stored(resourcequotasStrategy, ResourceQuotaKind, rq({ hard: { pods: '1' } }));
    old.status = { used: { pods: '0' } };
    assert.deepEqual(
      update(resourcequotasStrategy, ResourceQuotaKind, rq({ hard: { pods: '2' } }), old).obj.status,
      old.status,
    );
  });

  test('scopes cannot change', () => {
    const old = stored(resourcequotasStrategy, ResourceQuotaKind, rq({ hard: { pods: '1' }, scopes: ['BestEffort'] }));
    const { errors } = update(resourcequotasStrategy, ResourceQuotaKind, rq({ hard: { pods: '1' } }), old);
    assert.deepEqual(errors, ['spec.scopes: Invalid value: []interface {}{}: field is immutable']);
  });

  test('a status update checks used amounts', () => {
    const old = stored(resourcequotasStrategy, ResourceQuotaKind, rq({ hard: { pods: '1' } }));
    const { errors } = updateStatus(resourcequotasStrategy, ResourceQuotaKind, rq({}, { used: { pods: '-1' } }), old);
    assert.deepEqual(errors, ['status.used[pods]: Invalid value: "-1": must be greater than or equal to 0']);
  });
});
