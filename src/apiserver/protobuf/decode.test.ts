import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { arrayOf, mapOf, str, time } from '../../api/schema/primitives.js';
import { embeddedField, field, struct } from '../../api/schema/struct.js';
import { decodeEnvelope, decodeMessage, PROTOBUF_MAGIC } from './decode.js';

/** A tiny protobuf writer for test messages. */
const varint = (n: number): number[] => {
  const out: number[] = [];
  let v = BigInt(n);
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return out;
};
const tag = (fieldNo: number, wire: number): number[] => varint((fieldNo << 3) | wire);
const bytesField = (fieldNo: number, payload: number[]): number[] => [
  ...tag(fieldNo, 2),
  ...varint(payload.length),
  ...payload,
];
const text = (s: string): number[] => [...Buffer.from(s, 'utf8')];

const Inner = struct('test.Inner', { name: field(1, str()) });
const Schema = struct('test.Outer', {
  title: field(1, str()),
  tags: field(2, arrayOf(str())),
  extra: field(3, mapOf(arrayOf(str()))),
  created: field(4, time()),
  inlined: embeddedField(5, 1, str()),
  inner: field(6, Inner),
});

describe('protobuf decoding by schema', () => {
  test('strings, repeated fields, nested and embedded messages, times and ExtraValue maps decode to JSON', () => {
    const message = [
      ...bytesField(1, text('hello')),
      ...bytesField(2, text('a')),
      ...bytesField(2, text('b')),
      ...bytesField(3, [
        ...bytesField(1, text('k')),
        ...bytesField(2, [...bytesField(1, text('v1')), ...bytesField(1, text('v2'))]),
      ]),
      ...bytesField(4, [...tag(1, 0), ...varint(1_700_000_000)]),
      ...bytesField(5, bytesField(1, text('flat'))),
      ...bytesField(6, bytesField(1, text('deep'))),
    ];
    assert.deepEqual(decodeMessage(Uint8Array.from(message), Schema), {
      title: 'hello',
      tags: ['a', 'b'],
      extra: { k: ['v1', 'v2'] },
      created: '2023-11-14T22:13:20Z',
      inlined: 'flat',
      inner: { name: 'deep' },
    });
  });

  test('an empty string and a zero time mean absent, as Go writes them', () => {
    const message = [...bytesField(1, []), ...bytesField(4, [])];
    assert.deepEqual(decodeMessage(Uint8Array.from(message), Schema), {});
  });

  test('the envelope gives apiVersion, kind and the raw message; anything else is refused', () => {
    const typeMeta = [...bytesField(1, text('v1')), ...bytesField(2, text('ConfigMap'))];
    const body = Uint8Array.from([...PROTOBUF_MAGIC, ...bytesField(1, typeMeta), ...bytesField(2, [1, 2, 3])]);
    const envelope = decodeEnvelope(body);
    assert.deepEqual([envelope.apiVersion, envelope.kind, [...envelope.raw]], ['v1', 'ConfigMap', [1, 2, 3]]);
    assert.throws(() => decodeEnvelope(Uint8Array.from([1, 2, 3, 4])), /Kubernetes protobuf prefix/);
  });
});
