import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escapeValue, splitTerms, unescapeValue } from './escape.js';

describe('field selector escaping', () => {
  const roundTrips = [
    { name: 'plain text is left alone', value: 'web-1', escaped: 'web-1' },
    { name: 'backslashes, commas and equals signs are escaped', value: 'a\\b,c=d', escaped: 'a\\\\b\\,c\\=d' },
    { name: 'the empty value stays empty', value: '', escaped: '' },
  ];
  for (const c of roundTrips) {
    test(c.name, () => {
      assert.equal(escapeValue(c.value), c.escaped);
      assert.equal(unescapeValue(c.escaped), c.value);
    });
  }

  test('commas split terms unless escaped, and escapes stay in the terms', () => {
    assert.deepEqual(splitTerms('a=b\\,c,d=e'), ['a=b\\,c', 'd=e']);
    assert.deepEqual(splitTerms('a=\\\\,b=c'), ['a=\\\\', 'b=c']);
    assert.deepEqual(splitTerms(''), []);
    assert.deepEqual(splitTerms(','), ['', '']);
  });
});
