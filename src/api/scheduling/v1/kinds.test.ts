import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TSchema } from '@sinclair/typebox';
import { KINDS } from './index.js';
import { protobufNumberAt, protobufProblems } from '../../apps/v1/protobuf-numbers.js';
import { PriorityClassSchema } from './priority-class.js';
import { applyDefaults } from '../../schema/defaults.js';

describe('scheduling.k8s.io/v1 kinds', () => {
  for (const kind of KINDS) {
    test(`${kind.kind} has a protobuf number on every field, unique within each struct`, () => {
      assert.deepEqual(protobufProblems(kind.schema), []);
    });
  }

  const spots: [string, TSchema, string, number][] = [
    ['PriorityClass', PriorityClassSchema, 'value', 2],
    ['PriorityClass', PriorityClassSchema, 'preemptionPolicy', 5],
  ];
  for (const [kind, schema, path, num] of spots) {
    test(`${kind} ${path} is protobuf field ${num}, as upstream's generated.proto says`, () => {
      assert.equal(protobufNumberAt(schema, path), num);
    });
  }

  test('a PriorityClass preempts lower priorities unless told otherwise', () => {
    const obj: Record<string, unknown> = { value: 5 };
    applyDefaults(obj, PriorityClassSchema);
    assert.equal(obj.preemptionPolicy, 'PreemptLowerPriority');
  });
});
