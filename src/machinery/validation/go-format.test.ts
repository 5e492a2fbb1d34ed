import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { byteLength, compareGoStrings, goQuote, goStringSlice } from './go-format.js';

describe('Go formatting', () => {
  const quotes = [
    { name: 'plain text is wrapped in double quotes', input: 'spec.foo', want: '"spec.foo"' },
    { name: 'quotes and backslashes are escaped', input: 'a"b\\c', want: '"a\\"b\\\\c"' },
    { name: 'newlines and tabs use their short escapes', input: 'a\nb\tc', want: '"a\\nb\\tc"' },
    { name: 'other control characters use \\x', input: '\x01\x7f', want: '"\\x01\\x7f"' },
    { name: 'printable non-ASCII text stays as is', input: 'héllo', want: '"héllo"' },
    { name: 'a non-printable format character uses \\u', input: '\u200b', want: '"\\u200b"' },
  ];
  for (const c of quotes) {
    test(c.name, () => assert.equal(goQuote(c.input), c.want));
  }

  test('a string slice prints as Go source', () => {
    assert.equal(goStringSlice(['a', 'b']), '[]string{"a", "b"}');
    assert.equal(goStringSlice([]), '[]string{}');
  });

  test('lengths count UTF-8 bytes', () => {
    assert.equal(byteLength('é'), 2);
  });

  test('strings order by bytes, so an astral character sorts after U+FFFD', () => {
    assert.ok(compareGoStrings('\u{1F600}', '\uFFFD') > 0);
    assert.ok('\u{1F600}' < '\uFFFD', 'UTF-16 order differs');
    assert.equal(compareGoStrings('a', 'a'), 0);
    assert.ok(compareGoStrings('a', 'b') < 0);
  });
});
