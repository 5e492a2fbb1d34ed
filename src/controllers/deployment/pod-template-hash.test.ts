import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PodTemplateSpec } from '../../api/core/v1/pod-spec.js';
import { computeHash, equalIgnoreHash, fnv32a, safeEncodeString, stableStringify } from './pod-template-hash.js';

const template = (image: string, labels: Record<string, string> = { app: 'web' }): PodTemplateSpec => ({
  metadata: { labels },
  spec: { containers: [{ name: 'c', image }] },
});

describe('pod-template-hash', () => {
  test('the alphabet maps each decimal digit as upstream SafeEncodeString does', () => {
    assert.equal(safeEncodeString('0123456789'), '456789bcdf');
  });

  test('FNV-32a matches the reference values', () => {
    assert.equal(fnv32a(new TextEncoder().encode('')), 0x811c9dc5);
    assert.equal(fnv32a(new TextEncoder().encode('a')), 0xe40c292c);
    assert.equal(fnv32a(new TextEncoder().encode('foobar')), 0xbf9cf968);
  });

  test('the same template hashes the same however its keys are ordered or its empty fields written', () => {
    const a = template('nginx:1');
    const b = {
      spec: { containers: [{ image: 'nginx:1', name: 'c', env: [] }] },
      metadata: { labels: { app: 'web' }, annotations: null },
    };
    assert.equal(computeHash(a), computeHash(b as unknown as PodTemplateSpec));
    assert.match(computeHash(a), /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  });

  test('another template, or another collision count, hashes differently', () => {
    const a = template('nginx:1');
    assert.notEqual(computeHash(a), computeHash(template('nginx:2')));
    assert.notEqual(computeHash(a), computeHash(a, 1));
    assert.notEqual(computeHash(a, 1), computeHash(a, 2));
    assert.equal(computeHash(a, 3), computeHash(template('nginx:1'), 3));
  });

  test('a stable rendering sorts keys and drops empties', () => {
    assert.equal(stableStringify({ b: 1, a: { d: [], c: null, e: 'x' } }), '{"a":{"e":"x"},"b":1}');
  });

  const equalities: { name: string; a: PodTemplateSpec; b: PodTemplateSpec; want: boolean }[] = [
    {
      name: 'templates differing only in the hash label are equal',
      a: template('i', { app: 'web', 'pod-template-hash': 'abc' }),
      b: template('i'),
      want: true,
    },
    {
      name: 'a null creationTimestamp (as kubectl sends templates back) changes nothing',
      a: {
        ...template('i'),
        metadata: { labels: { app: 'web' }, creationTimestamp: null } as unknown as PodTemplateSpec['metadata'],
      },
      b: template('i'),
      want: true,
    },
    { name: 'another image is another template', a: template('i'), b: template('j'), want: false },
    { name: 'another label is another template', a: template('i', { app: 'x' }), b: template('i'), want: false },
  ];
  for (const c of equalities) {
    test(c.name, () => assert.equal(equalIgnoreHash(c.a, c.b), c.want));
  }
});
