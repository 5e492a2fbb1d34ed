import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { StatefulSetKind } from '../../../../api/apps/v1/stateful-set.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, update, updateStatus } from '../../core/validation/strategy-harness.js';
import { TEMPLATE, withSpec, workload } from '../test-fixtures.js';
import { statefulSetsStrategy } from './strategy.js';
import { FORBIDDEN_SPEC_UPDATE } from './validation.js';

const statefulSet = (spec: Record<string, unknown> = {}): ApiObject =>
  workload('StatefulSet', { serviceName: 'web', ...spec });

describe('statefulsets strategy', () => {
  const cases: { name: string; input: ApiObject; errors: string[] }[] = [
    { name: 'a stateful set whose selector matches its template is valid', input: statefulSet(), errors: [] },
    {
      name: 'an unknown pod management policy is rejected',
      input: statefulSet({ podManagementPolicy: 'AllAtOnce' }),
      errors: [`spec.podManagementPolicy: Invalid value: "AllAtOnce": must be 'OrderedReady' or 'Parallel'`],
    },
    {
      name: 'an OnDelete strategy takes no rolling update parameters',
      input: statefulSet({ updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 1 } } }),
      errors: [
        `spec.updateStrategy.rollingUpdate: Invalid value: "object": only allowed for updateStrategy 'RollingUpdate'`,
      ],
    },
    {
      name: 'a negative partition is rejected',
      input: statefulSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: -1 } } }),
      errors: ['spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0'],
    },
    {
      name: 'claim retention policies are Retain or Delete',
      input: statefulSet({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep' } }),
      errors: [
        'spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"',
      ],
    },
    {
      name: 'a negative start ordinal is rejected',
      input: statefulSet({ ordinals: { start: -1 } }),
      errors: ['spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0'],
    },
    {
      name: 'an empty selector is rejected',
      input: statefulSet({ selector: {} }),
      errors: ['spec.selector: Invalid value: "object": empty selector is invalid for statefulset'],
    },
    {
      name: 'pods of a stateful set must restart Always',
      input: statefulSet({ template: { ...TEMPLATE, spec: { ...TEMPLATE.spec, restartPolicy: 'OnFailure' } } }),
      errors: ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(create(statefulSetsStrategy, StatefulSetKind, c.input).errors, c.errors));
  }

  test('stateful set names are DNS labels', () => {
    assert.deepEqual(statefulSetsStrategy.validateName?.('web.v1', false), ['must not contain dots']);
    assert.deepEqual(statefulSetsStrategy.validateName?.('web', false), []);
  });

  const updates: [string, Record<string, unknown>, string[]][] = [
    [
      'scaling and a new template are allowed',
      { replicas: 5, template: { ...TEMPLATE, metadata: { labels: { app: 'web', v: '2' } } } },
      [],
    ],
    ['a new revision history limit is allowed', { revisionHistoryLimit: 3 }, []],
    ['a new service name is forbidden', { serviceName: 'other' }, [`spec: Forbidden: ${FORBIDDEN_SPEC_UPDATE}`]],
    [
      'new volume claim templates are forbidden',
      { volumeClaimTemplates: [{ metadata: { name: 'data' } }] },
      [`spec: Forbidden: ${FORBIDDEN_SPEC_UPDATE}`],
    ],
  ];
  for (const [name, spec, errors] of updates) {
    test(`update: ${name}`, () => {
      const old = stored(statefulSetsStrategy, StatefulSetKind, statefulSet());
      assert.deepEqual(update(statefulSetsStrategy, StatefulSetKind, withSpec(old, spec), old).errors, errors);
    });
  }

  test('status: available replicas may not exceed ready replicas', () => {
    const old = stored(statefulSetsStrategy, StatefulSetKind, statefulSet());
    const next = { ...old, status: { replicas: 3, readyReplicas: 1, availableReplicas: 2 } };
    assert.deepEqual(updateStatus(statefulSetsStrategy, StatefulSetKind, next, old).errors, [
      'status.availableReplicas: Invalid value: 2: cannot be greater than status.readyReplicas',
    ]);
  });
});
