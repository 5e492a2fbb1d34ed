import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { servedJson } from './served-json.js';

describe('served JSON from stored text', () => {
  const cases: { name: string; stored: unknown; want: unknown }[] = [
    {
      name: 'the resourceVersion heads the metadata; every other member is kept',
      stored: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { a: 'b' } }, spec: { x: [1, 'two'] } },
      want: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { resourceVersion: '42', name: 'p', labels: { a: 'b' } },
        spec: { x: [1, 'two'] },
      },
    },
    {
      name: 'empty metadata gets just the resourceVersion',
      stored: { apiVersion: 'v1', kind: 'Pod', metadata: {} },
      want: { apiVersion: 'v1', kind: 'Pod', metadata: { resourceVersion: '42' } },
    },
    {
      name: 'text with nested metadata and quotes in values is left as it is',
      stored: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'q"m' },
        spec: { template: { metadata: { name: '"metadata":{' } } },
      },
      want: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { resourceVersion: '42', name: 'q"m' },
        spec: { template: { metadata: { name: '"metadata":{' } } },
      },
    },
    {
      name: 'another apiVersion is not served from the text',
      stored: { apiVersion: 'v2', kind: 'Pod', metadata: {} },
      want: undefined,
    },
    { name: 'another kind neither', stored: { apiVersion: 'v1', kind: 'Node', metadata: {} }, want: undefined },
    {
      name: 'nor metadata that is not the third member',
      stored: { apiVersion: 'v1', kind: 'Pod', spec: {}, metadata: {} },
      want: undefined,
    },
    { name: 'nor an object without type meta', stored: { metadata: { name: 'p' } }, want: undefined },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const out = servedJson(JSON.stringify(c.stored), 'v1', 'Pod', '42');
      assert.deepEqual(out === undefined ? undefined : JSON.parse(out), c.want);
    });
  }
});
