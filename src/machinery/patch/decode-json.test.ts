import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeJson, goSyntaxError } from './decode-json.js';

describe('decoding a patch body: syntax errors in the words of Go', () => {
  const cases: [string, string, string][] = [
    ['an empty body ends too early', '', 'unexpected end of JSON input'],
    ['an unclosed object ends too early', '{"a":1', 'unexpected end of JSON input'],
    ['an unclosed string ends too early', '"abc', 'unexpected end of JSON input'],
    ['a bare word is not a value', 'hello', "invalid character 'h' looking for beginning of value"],
    ['a key needs a colon after it', '{"a" 1}', "invalid character '1' after object key"],
    ['members need a comma between them', '{"a":1 "b":2}', `invalid character '"' after object key:value pair`],
    ['elements need a comma between them', '[1 2]', "invalid character '2' after array element"],
    ['keys must be strings', '{1:2}', "invalid character '1' looking for beginning of object key string"],
    ['a trailing comma in an array', '[1,]', "invalid character ']' looking for beginning of value"],
    ['text after the value', '{"a":1}x', "invalid character 'x' after top-level value"],
    ['a leading zero', '01', "invalid character '1' after top-level value"],
    ['a misspelt literal', 'trUe', "invalid character 'U' in literal true (expecting 'u')"],
    [
      'a truncated literal is judged with a space appended',
      'nul',
      "invalid character ' ' in literal null (expecting 'l')",
    ],
    ['an unknown escape', '"a\\qb"', "invalid character 'q' in string escape code"],
    ['a bad unicode escape', '"\\u12G4"', "invalid character 'G' in \\u hexadecimal character escape"],
    ['a raw newline in a string', '"a\nb"', "invalid character '\\n' in string literal"],
    ['a minus without digits', '-x', "invalid character 'x' in numeric literal"],
    ['a point without digits', '1.x', "invalid character 'x' after decimal point in numeric literal"],
    ['an exponent without digits', '1ex', "invalid character 'x' in exponent of numeric literal"],
    ['a quote character is quoted as Go quotes it', "'a'", "invalid character '\\'' looking for beginning of value"],
  ];
  for (const [name, body, message] of cases) {
    test(name, () => {
      assert.deepEqual(decodeJson(body), { ok: false, message });
      assert.deepEqual(decodeJson(Buffer.from(body)), { ok: false, message });
    });
  }
});

describe('decoding a patch body: well-formed JSON', () => {
  const bodies = ['{}', ' [ ] ', '0', '-1.5e+3', '"\\u00e9\\n"', '{"a":[1,true,false,null,{"b":"c"}]}', '"é"'];
  for (const body of bodies) {
    test(`${body.trim()} decodes as JSON.parse does and the scanner finds no error`, () => {
      assert.deepEqual(decodeJson(body), { ok: true, value: JSON.parse(body) });
      assert.equal(goSyntaxError(Buffer.from(body)), undefined);
    });
  }
});
