import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TSchema } from '@sinclair/typebox';
import { KINDS } from './index.js';
import { protobufNumberAt, protobufProblems } from '../../apps/v1/protobuf-numbers.js';
import { PodDisruptionBudgetSchema } from './pod-disruption-budget.js';
import { EvictionSchema } from './eviction.js';

describe('policy/v1 kinds', () => {
  for (const kind of KINDS) {
    test(`${kind.kind} has a protobuf number on every field, unique within each struct`, () => {
      assert.deepEqual(protobufProblems(kind.schema), []);
    });
  }

  const spots: [string, TSchema, string, number][] = [
    ['PodDisruptionBudget', PodDisruptionBudgetSchema, 'spec.maxUnavailable', 3],
    ['PodDisruptionBudget', PodDisruptionBudgetSchema, 'spec.unhealthyPodEvictionPolicy', 4],
    ['PodDisruptionBudget', PodDisruptionBudgetSchema, 'status.conditions', 7],
    ['Eviction', EvictionSchema, 'deleteOptions.propagationPolicy', 4],
    ['Eviction', EvictionSchema, 'deleteOptions.preconditions.resourceVersion', 2],
  ];
  for (const [kind, schema, path, num] of spots) {
    test(`${kind} ${path} is protobuf field ${num}, as upstream's generated.proto says`, () => {
      assert.equal(protobufNumberAt(schema, path), num);
    });
  }

  test('Eviction has a protobuf number on every field but the inlined TypeMeta', () => {
    assert.deepEqual(protobufProblems(EvictionSchema), []);
  });
});
