import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeFieldsV1, encodeFieldsV1 } from './fields-v1.js';
import { FieldsV1Memo } from './fields-v1-memo.js';
import { FieldsV1Reuse } from './fields-v1-reuse.js';

const canonical = { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } }, 'f:spec': { 'f:replicas': {} } };

describe('FieldsV1Reuse', () => {
  const cases: { name: string; value: () => Record<string, unknown>; reused: boolean }[] = [
    { name: 'a value in the form encodeFieldsV1 writes', value: () => structuredClone(canonical), reused: true },
    {
      name: 'a value whose members come in another order',
      value: () => ({ 'f:spec': { 'f:replicas': {} }, 'f:metadata': { 'f:labels': { 'f:app': {}, '.': {} } } }),
      reused: false,
    },
    {
      name: 'a value with a member of an unknown kind',
      value: () => ({ ...structuredClone(canonical), 'x:other': {} }),
      reused: false,
    },
  ];
  for (const c of cases) {
    const outcome = c.reused ? 'stands for its set, once' : 'is encoded afresh';
    test(`${c.name} ${outcome}, and the result is what encodeFieldsV1 writes`, () => {
      const reuse = new FieldsV1Reuse(new FieldsV1Memo());
      const value = c.value();
      const set = reuse.decode(value);
      const first = reuse.encode(set);
      const second = reuse.encode(set);
      const expected = JSON.stringify(encodeFieldsV1(decodeFieldsV1(c.value())));
      assert.equal(JSON.stringify(first), expected);
      assert.equal(JSON.stringify(second), expected);
      assert.equal(first === value, c.reused);
      assert.notEqual(second, value, 'an input object is handed out once only');
    });
  }

  test('a value seen by an earlier write is not handed to a later one', () => {
    const memo = new FieldsV1Memo();
    const earlier = new FieldsV1Reuse(memo);
    const value = structuredClone(canonical);
    earlier.decode(value);
    const later = new FieldsV1Reuse(memo);
    const set = later.decode(structuredClone(canonical));
    assert.notEqual(later.encode(set), value);
  });
});
