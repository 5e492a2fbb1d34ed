import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AbsentOwnerCache } from './absent-owner-cache.js';
import type { ObjectIdentity } from './object-identity.js';

const id = (name: string, namespace = 'ns'): ObjectIdentity => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  name,
  uid: `uid-${name}`,
  namespace,
});

describe('absent owner cache', () => {
  test('an identity is known absent once added, in its namespace only', () => {
    const cache = new AbsentOwnerCache();
    cache.add(id('a'));
    assert.equal(cache.has(id('a')), true);
    assert.equal(cache.has(id('a', 'other')), false);
    assert.equal(cache.has(id('b')), false);
  });

  test('when full, the least recently used identity is forgotten first', () => {
    const cache = new AbsentOwnerCache(2);
    cache.add(id('a'));
    cache.add(id('b'));
    assert.equal(cache.has(id('a')), true); // a is now the most recently used
    cache.add(id('c'));
    assert.deepEqual(
      ['a', 'b', 'c'].map((n) => cache.has(id(n))),
      [true, false, true],
    );
    assert.equal(cache.size, 2);
  });
});
