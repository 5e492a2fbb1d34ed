import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PriorityClassKind } from '../../../../api/scheduling/v1/priority-class.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, update } from '../../core/validation/strategy-harness.js';
import { priorityClassesStrategy as strategy } from './strategy.js';

const pc = (name: string, fields: Record<string, unknown>): ApiObject => ({
  apiVersion: 'scheduling.k8s.io/v1',
  kind: 'PriorityClass',
  metadata: { name },
  ...fields,
});

describe('priorityclasses strategy', () => {
  const cases: [string, ApiObject, string[]][] = [
    ['a user class of one million is valid', pc('high', { value: 1_000_000 }), []],
    ['the system class with its value is valid', pc('system-node-critical', { value: 2_000_001_000 }), []],
    [
      'a user class above one billion is rejected',
      pc('huge', { value: 1_000_000_001 }),
      ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000'],
    ],
    [
      'the system- prefix is reserved',
      pc('system-mine', { value: 5 }),
      [
        "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class",
      ],
    ],
    [
      'a system class keeps its value',
      pc('system-cluster-critical', { value: 5 }),
      [
        "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-cluster-critical PriorityClass must be 2000000000",
      ],
    ],
    [
      'an unknown preemption policy is rejected',
      pc('low', { value: 1, preemptionPolicy: 'Sometimes' }),
      ['preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"'],
    ],
  ];
  for (const [name, input, errors] of cases)
    test(name, () => assert.deepEqual(create(strategy, PriorityClassKind, input).errors, errors));

  test('the value and preemption policy cannot change', () => {
    const old = stored(strategy, PriorityClassKind, pc('high', { value: 10 }));
    assert.deepEqual(
      update(strategy, PriorityClassKind, { ...old, value: 11, preemptionPolicy: 'Never' }, old).errors,
      [
        'value: Forbidden: may not be changed in an update.',
        'preemptionPolicy: Invalid value: "Never": field is immutable',
      ],
    );
  });
});
