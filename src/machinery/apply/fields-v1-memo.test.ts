import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeFieldsV1, encodeFieldsV1 } from './fields-v1.js';
import { FieldsV1Memo } from './fields-v1-memo.js';

const labels = { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } };
const image = { 'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:image': {} } } } };

describe('FieldsV1Memo', () => {
  const same: { name: string; value: unknown }[] = [
    { name: 'a map of labels', value: labels },
    { name: 'a list-map element', value: image },
    { name: 'nothing (null)', value: null },
    { name: 'nothing (absent)', value: undefined },
  ];
  for (const c of same) {
    test(`decodes ${c.name} as decodeFieldsV1 does`, () => {
      const memo = new FieldsV1Memo();
      assert.deepEqual(encodeFieldsV1(memo.decode(c.value)), encodeFieldsV1(decodeFieldsV1(c.value)));
    });
  }

  test('the same JSON, in another object, gives the very same set', () => {
    const memo = new FieldsV1Memo();
    const first = memo.decode(structuredClone(image));
    assert.equal(memo.decode(structuredClone(image)), first);
    assert.notEqual(memo.decode(labels), first);
  });

  test('a malformed value throws as decodeFieldsV1 does, every time, and is not remembered', () => {
    const memo = new FieldsV1Memo();
    const bad = { 'f:spec': 'not an object' };
    assert.throws(() => decodeFieldsV1(bad), /expected an object in FieldsV1/);
    for (let i = 0; i < 2; i++) assert.throws(() => memo.decode(bad), /expected an object in FieldsV1/);
    assert.equal(memo.size, 0);
  });

  test('a full memo starts over instead of growing', () => {
    const memo = new FieldsV1Memo(2);
    for (let i = 0; i < 5; i++) memo.decode({ [`f:field${i}`]: {} });
    assert.ok(memo.size <= 2, `size ${memo.size}`);
    assert.deepEqual(encodeFieldsV1(memo.decode({ 'f:field0': {} })), { 'f:field0': {} });
  });

  const encodings: { name: string; json: string }[] = [
    { name: 'canonical JSON', json: JSON.stringify(image) },
    { name: 'JSON in another member order', json: '{"f:metadata":{"f:labels":{"f:app":{},".":{}}}}' },
    { name: 'JSON with a member of an unknown kind', json: '{"f:a":{},"x:b":{}}' },
  ];
  for (const c of encodings) {
    test(`a decoded set from ${c.name} encodes as encodeFieldsV1 writes it, in a fresh object`, () => {
      const memo = new FieldsV1Memo();
      const set = memo.decode(JSON.parse(c.json));
      const first = memo.encode(set);
      assert.equal(JSON.stringify(first), JSON.stringify(encodeFieldsV1(decodeFieldsV1(JSON.parse(c.json)))));
      assert.notEqual(memo.encode(set), first);
    });
  }
});
