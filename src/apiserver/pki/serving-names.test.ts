import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_SERVING_NAMES, servingNames } from './serving-names.js';

describe('servingNames', () => {
  const cases: { name: string; hosts: string[]; hostname: string; extra: string[] }[] = [
    {
      name: 'adds the hostname and the hosts after the defaults',
      hosts: ['api.example.test', '192.0.2.1'],
      hostname: 'node-1',
      extra: ['node-1', 'api.example.test', '192.0.2.1'],
    },
    {
      name: 'lower-cases DNS names and drops duplicates',
      hosts: ['API.Example.Test', 'api.example.test', 'localhost'],
      hostname: 'Node-1',
      extra: ['node-1', 'api.example.test'],
    },
    {
      name: 'reads a bracketed IPv6 literal as the IP',
      hosts: ['[fd00::1]', 'fd00::1'],
      hostname: 'h',
      extra: ['h', 'fd00::1'],
    },
    { name: 'ignores empty names', hosts: ['', '  '], hostname: '', extra: [] },
  ];
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(servingNames(c.hosts, c.hostname), [...DEFAULT_SERVING_NAMES, ...c.extra]));
  }
});
