import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidPortName,
  isValidPortNum,
  nameIsDNSSubdomain,
} from './names.js';

describe('name formats', () => {
  const cases: { name: string; check: (v: string) => string[]; value: string; errors: string[] }[] = [
    { name: 'a DNS label may start with a digit', check: isDNS1123Label, value: '1abc', errors: [] },
    { name: 'a DNS label has no dots', check: isDNS1123Label, value: 'a.b', errors: ['must not contain dots'] },
    {
      name: 'a DNS-1035 label starts with a letter',
      check: isDNS1035Label,
      value: '1abc',
      errors: [
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      ],
    },
    { name: 'a subdomain may have dots', check: isDNS1123Subdomain, value: 'a.b-c.d', errors: [] },
    {
      name: 'a subdomain is at most 253 characters',
      check: isDNS1123Subdomain,
      value: 'a'.repeat(254),
      errors: ['must be no more than 253 characters'],
    },
    { name: 'a qualified name may carry a prefix', check: isQualifiedName, value: 'example.com/My_Name', errors: [] },
    {
      name: 'a qualified name prefix may not be empty',
      check: isQualifiedName,
      value: '/name',
      errors: ['prefix part must be non-empty'],
    },
    { name: 'a config key may hold dots and underscores', check: isConfigMapKey, value: '.env_FILE', errors: [] },
    {
      name: 'a port name needs a letter',
      check: isValidPortName,
      value: '8080',
      errors: ['must contain at least one letter (a-z)'],
    },
  ];
  for (const c of cases) test(c.name, () => assert.deepEqual(c.check(c.value), c.errors));

  test('port numbers are 1 to 65535', () => {
    assert.deepEqual(isValidPortNum(65535), []);
    assert.deepEqual(isValidPortNum(0), ['must be between 1 and 65535, inclusive']);
  });

  test('a generated-name prefix may end in a dash', () => {
    assert.deepEqual(nameIsDNSSubdomain('web-', true), []);
    assert.equal(nameIsDNSSubdomain('web-', false).length, 1);
  });
});
