import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TSchema } from '@sinclair/typebox';
import { KINDS } from './index.js';
import { protobufNumberAt, protobufProblems } from '../../apps/v1/protobuf-numbers.js';
import { EventSchema } from './event.js';

describe('events.k8s.io/v1 kinds', () => {
  for (const kind of KINDS) {
    test(`${kind.kind} has a protobuf number on every field, unique within each struct`, () => {
      assert.deepEqual(protobufProblems(kind.schema), []);
    });
  }

  const spots: [string, TSchema, string, number][] = [
    ['Event', EventSchema, 'regarding', 8],
    ['Event', EventSchema, 'note', 10],
    ['Event', EventSchema, 'deprecatedSource.host', 2],
    ['Event', EventSchema, 'series.lastObservedTime', 2],
  ];
  for (const [kind, schema, path, num] of spots) {
    test(`${kind} ${path} is protobuf field ${num}, as upstream's generated.proto says`, () => {
      assert.equal(protobufNumberAt(schema, path), num);
    });
  }

  test('events select on regarding.*, reason, reportingController and type', () => {
    const fields = KINDS[0]?.selectableFields ?? {};
    const event = {
      regarding: { kind: 'Pod', name: 'p' },
      reason: 'Started',
      reportingController: 'kubelet',
      type: 'Normal',
    };
    assert.equal(fields['regarding.kind']?.(event), 'Pod');
    assert.equal(fields['regarding.name']?.(event), 'p');
    assert.equal(fields['regarding.uid']?.(event), '');
    assert.equal(fields['reportingController']?.(event), 'kubelet');
    assert.equal(fields['type']?.(event), 'Normal');
  });
});
