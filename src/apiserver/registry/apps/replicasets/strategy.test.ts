import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ReplicaSetKind } from '../../../../api/apps/v1/replica-set.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, update, updateStatus } from '../../core/validation/strategy-harness.js';
import { withSpec, workload } from '../test-fixtures.js';
import { replicaSetsStrategy } from './strategy.js';

const replicaSet = (spec: Record<string, unknown> = {}): ApiObject => workload('ReplicaSet', spec);

describe('replicasets strategy', () => {
  const cases: { name: string; input: ApiObject; errors: string[] }[] = [
    { name: 'a replica set whose selector matches its template is valid', input: replicaSet(), errors: [] },
    {
      name: 'negative replicas and minReadySeconds are rejected',
      input: replicaSet({ replicas: -2, minReadySeconds: -1 }),
      errors: [
        'spec.replicas: Invalid value: -2: must be greater than or equal to 0',
        'spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0',
      ],
    },
    {
      name: 'a selector expression must match the template labels',
      input: replicaSet({ selector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] } }),
      errors: ['spec.template.metadata.labels: Invalid value: "object": `selector` does not match template `labels`'],
    },
    {
      name: 'an empty selector is rejected with upstream’s wording',
      input: replicaSet({ selector: {} }),
      errors: ['spec.selector: Invalid value: "object": empty selector is invalid for deployment'],
    },
    {
      name: 'a template is required',
      input: replicaSet({ template: undefined }),
      errors: ['spec.template: Required value'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(create(replicaSetsStrategy, ReplicaSetKind, c.input).errors, c.errors));
  }

  test('a new replica set reports zero replicas', () => {
    assert.deepEqual(create(replicaSetsStrategy, ReplicaSetKind, replicaSet()).obj.status, { replicas: 0 });
  });

  test('scaling is allowed, changing the selector is not', () => {
    const old = stored(replicaSetsStrategy, ReplicaSetKind, replicaSet());
    assert.deepEqual(update(replicaSetsStrategy, ReplicaSetKind, withSpec(old, { replicas: 4 }), old).errors, []);
    const moved = withSpec(old, { selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } });
    assert.deepEqual(update(replicaSetsStrategy, ReplicaSetKind, moved, old).errors, [
      'spec.selector: Invalid value: "object": field is immutable',
    ]);
  });

  test('status counts may not exceed status.replicas', () => {
    const old = stored(replicaSetsStrategy, ReplicaSetKind, replicaSet());
    const next = { ...old, status: { replicas: 1, fullyLabeledReplicas: 2, readyReplicas: 1, availableReplicas: 1 } };
    assert.deepEqual(updateStatus(replicaSetsStrategy, ReplicaSetKind, next, old).errors, [
      'status.fullyLabeledReplicas: Invalid value: 2: cannot be greater than status.replicas',
    ]);
  });
});
