import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isConfigMapKey, isDNS1123Label, isQualifiedName, isValidPortName, regexError } from './formats.js';

describe('format checks', () => {
  test('regex errors list their examples as upstream does', () => {
    assert.equal(regexError('m', 'f', 'a', 'b'), "m (e.g. 'a',  or 'b', regex used for validation is 'f')");
    assert.equal(regexError('m', 'f'), "m (regex used for validation is 'f')");
  });

  const valid: [string, (v: string) => string[], string][] = [
    ['a DNS label', isDNS1123Label, 'my-app-1'],
    ['a qualified name with a prefix', isQualifiedName, 'example.com/My_name.1'],
    ['a port name', isValidPortName, 'http-alt'],
    ['a config key', isConfigMapKey, 'app.properties'],
  ];
  for (const [name, check, value] of valid) test(`${value} is ${name}`, () => assert.deepEqual(check(value), []));

  const invalid: [string, (v: string) => string[], string, string][] = [
    ['labels may not contain dots', isDNS1123Label, 'a.b', 'must not contain dots'],
    ['labels are at most 63 characters', isDNS1123Label, 'a'.repeat(64), 'must be no more than 63 characters'],
    ['a qualified name has one slash at most', isQualifiedName, 'a/b/c', 'a valid label key must consist of'],
    ['a qualified name has a non-empty prefix', isQualifiedName, '/b', 'prefix part must be non-empty'],
    ['port names have a letter', isValidPortName, '8080', 'must contain at least one letter (a-z)'],
    ['port names have no double hyphen', isValidPortName, 'a--b', 'must not contain consecutive hyphens'],
    ['config keys may not start with ..', isConfigMapKey, '..x', "must not start with '..'"],
  ];
  for (const [name, check, value, message] of invalid) {
    test(name, () =>
      assert.ok(
        check(value).some((m) => m.startsWith(message)),
        JSON.stringify(check(value)),
      ),
    );
  }
});
