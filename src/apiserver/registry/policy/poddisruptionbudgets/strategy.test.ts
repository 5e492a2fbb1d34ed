import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PodDisruptionBudgetKind } from '../../../../api/policy/v1/pod-disruption-budget.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, update, updateStatus } from '../../core/validation/strategy-harness.js';
import { podDisruptionBudgetsStrategy as strategy } from './strategy.js';

const pdb = (spec: Record<string, unknown>): ApiObject => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
});

describe('poddisruptionbudgets strategy', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['a budget of at least two pods is valid', { minAvailable: 2 }, []],
    ['a budget of a percentage unavailable is valid', { maxUnavailable: '10%' }, []],
    [
      'minAvailable and maxUnavailable exclude each other',
      { minAvailable: 1, maxUnavailable: 1 },
      ['spec: Invalid value: "object": minAvailable and maxUnavailable cannot be both set'],
    ],
    [
      'more than 100% is rejected',
      { minAvailable: '120%' },
      ['spec.minAvailable: Invalid value: "120%": must not be greater than 100%'],
    ],
    [
      'a negative count is rejected',
      { maxUnavailable: -1 },
      ['spec.maxUnavailable: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'an unknown eviction policy is rejected',
      { minAvailable: 1, unhealthyPodEvictionPolicy: 'Never' },
      [
        'spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"',
      ],
    ],
  ];
  for (const [name, spec, errors] of cases)
    test(name, () => assert.deepEqual(create(strategy, PodDisruptionBudgetKind, pdb(spec)).errors, errors));

  test('the budget may change after creation', () => {
    const old = stored(strategy, PodDisruptionBudgetKind, pdb({ minAvailable: 1 }));
    assert.deepEqual(update(strategy, PodDisruptionBudgetKind, pdb({ minAvailable: '50%' }), old).errors, []);
  });

  test('status: negative counts are rejected', () => {
    const old = stored(strategy, PodDisruptionBudgetKind, pdb({ minAvailable: 1 }));
    const next = { ...old, status: { disruptionsAllowed: -1, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 } };
    assert.deepEqual(updateStatus(strategy, PodDisruptionBudgetKind, next, old).errors, [
      'status.disruptionsAllowed: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });
});
