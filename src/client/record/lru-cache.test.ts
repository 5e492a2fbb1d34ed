import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LruCache } from './lru-cache.js';

describe('LruCache', () => {
  const cases: { name: string; ops: [op: 'get' | 'set', key: string][]; keys: string[] }[] = [
    {
      name: 'entries up to the capacity are all kept',
      ops: [
        ['set', 'a'],
        ['set', 'b'],
        ['set', 'c'],
      ],
      keys: ['a', 'b', 'c'],
    },
    {
      name: 'a new entry beyond the capacity evicts the least recently set',
      ops: [
        ['set', 'a'],
        ['set', 'b'],
        ['set', 'c'],
        ['set', 'd'],
      ],
      keys: ['b', 'c', 'd'],
    },
    {
      name: 'a read makes an entry the most recently used',
      ops: [
        ['set', 'a'],
        ['set', 'b'],
        ['set', 'c'],
        ['get', 'a'],
        ['set', 'd'],
      ],
      keys: ['a', 'c', 'd'],
    },
    {
      name: 'setting an existing key again makes it the most recently used',
      ops: [
        ['set', 'a'],
        ['set', 'b'],
        ['set', 'c'],
        ['set', 'a'],
        ['set', 'd'],
      ],
      keys: ['a', 'c', 'd'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const cache = new LruCache<string, number>(3);
      c.ops.forEach(([op, key], i) => (op === 'set' ? cache.set(key, i) : cache.get(key)));
      assert.deepEqual(
        ['a', 'b', 'c', 'd'].filter((k) => cache.get(k) !== undefined),
        c.keys,
      );
      assert.equal(cache.size, c.keys.length);
    });
  }

  test('a capacity below one is refused', () => {
    assert.throws(() => new LruCache(0), RangeError);
  });
});
