import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TSchema } from '@sinclair/typebox';
import { KINDS } from './index.js';
import { protobufNumberAt, protobufProblems } from '../../apps/v1/protobuf-numbers.js';
import { StorageClassSchema } from './storage-class.js';
import { applyDefaults } from '../../schema/defaults.js';

describe('storage.k8s.io/v1 kinds', () => {
  for (const kind of KINDS) {
    test(`${kind.kind} has a protobuf number on every field, unique within each struct`, () => {
      assert.deepEqual(protobufProblems(kind.schema), []);
    });
  }

  const spots: [string, TSchema, string, number][] = [
    ['StorageClass', StorageClassSchema, 'provisioner', 2],
    ['StorageClass', StorageClassSchema, 'volumeBindingMode', 7],
    ['StorageClass', StorageClassSchema, 'allowedTopologies.matchLabelExpressions.values', 2],
  ];
  for (const [kind, schema, path, num] of spots) {
    test(`${kind} ${path} is protobuf field ${num}, as upstream's generated.proto says`, () => {
      assert.equal(protobufNumberAt(schema, path), num);
    });
  }

  test('a StorageClass defaults to reclaim policy Delete and Immediate binding', () => {
    const obj: Record<string, unknown> = { provisioner: 'example.com/disk' };
    applyDefaults(obj, StorageClassSchema);
    assert.equal(obj.reclaimPolicy, 'Delete');
    assert.equal(obj.volumeBindingMode, 'Immediate');
  });
});
