import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TSchema } from '@sinclair/typebox';
import { KINDS } from './index.js';
import { protobufNumberAt, protobufProblems } from '../../apps/v1/protobuf-numbers.js';
import { EndpointSliceSchema } from './endpoint-slice.js';
import { applyDefaults } from '../../schema/defaults.js';

describe('discovery.k8s.io/v1 kinds', () => {
  for (const kind of KINDS) {
    test(`${kind.kind} has a protobuf number on every field, unique within each struct`, () => {
      assert.deepEqual(protobufProblems(kind.schema), []);
    });
  }

  const spots: [string, TSchema, string, number][] = [
    ['EndpointSlice', EndpointSliceSchema, 'addressType', 4],
    ['EndpointSlice', EndpointSliceSchema, 'endpoints.hints.forNodes', 2],
    ['EndpointSlice', EndpointSliceSchema, 'endpoints.zone', 7],
    ['EndpointSlice', EndpointSliceSchema, 'ports.appProtocol', 4],
  ];
  for (const [kind, schema, path, num] of spots) {
    test(`${kind} ${path} is protobuf field ${num}, as upstream's generated.proto says`, () => {
      assert.equal(protobufNumberAt(schema, path), num);
    });
  }

  test('an endpoint port without name or protocol is the unnamed TCP port', () => {
    const obj: Record<string, unknown> = { addressType: 'IPv4', endpoints: [], ports: [{ port: 80 }] };
    applyDefaults(obj, EndpointSliceSchema);
    assert.deepEqual(obj.ports, [{ port: 80, name: '', protocol: 'TCP' }]);
  });
});
