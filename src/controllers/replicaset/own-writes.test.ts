import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubeObject } from '../../client/kube-object.js';
import { OwnWrites } from './own-writes.js';

const obj = (resourceVersion: string, uid = 'u1', replicas = 0): KubeObject & { status: { replicas: number } } => ({
  metadata: { namespace: 'ns', name: 'web', uid, resourceVersion },
  status: { replicas },
});

describe('OwnWrites', () => {
  const cases: {
    name: string;
    cached: KubeObject;
    want: 'written' | 'cached';
    noteKept: boolean;
  }[] = [
    {
      name: 'while the cache shows what the write replaced, the written object is the freshest',
      cached: obj('5'),
      want: 'written',
      noteKept: true,
    },
    {
      name: 'once the cache shows the write, the cached object is used and the note dropped',
      cached: obj('6'),
      want: 'cached',
      noteKept: false,
    },
    {
      name: 'a later write by someone else wins over ours',
      cached: obj('9'),
      want: 'cached',
      noteKept: false,
    },
    {
      name: 'an object recreated under the same name is not mistaken for ours',
      cached: obj('5', 'u2'),
      want: 'cached',
      noteKept: false,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const writes = new OwnWrites<KubeObject>();
      const written = obj('6', 'u1', 3);
      writes.record('ns/web', '5', written);
      assert.equal(writes.freshest('ns/web', c.cached), c.want === 'written' ? written : c.cached);
      assert.equal(writes.size, c.noteKept ? 1 : 0);
    });
  }

  test('writes one after the other form a chain: the cache showing any link is behind the last', () => {
    const writes = new OwnWrites<KubeObject>();
    writes.record('ns/web', '5', obj('6'));
    const last = obj('7', 'u1', 4);
    writes.record('ns/web', '6', last);
    assert.equal(writes.freshest('ns/web', obj('5')), last);
    assert.equal(writes.freshest('ns/web', obj('6')), last);
    const caughtUp = obj('7', 'u1', 4);
    assert.equal(writes.freshest('ns/web', caughtUp), caughtUp);
    assert.equal(writes.size, 0);
  });

  test('a write over something else than our last write starts a new chain', () => {
    const writes = new OwnWrites<KubeObject>();
    writes.record('ns/web', '5', obj('6'));
    writes.record('ns/web', '8', obj('9'));
    const stale = obj('5');
    assert.equal(writes.freshest('ns/web', stale), stale);
  });

  test('a key never written is served from the cache', () => {
    const cached = obj('5');
    assert.equal(new OwnWrites<KubeObject>().freshest('ns/web', cached), cached);
  });

  test('a write whose replaced version is unknown is not noted', () => {
    const writes = new OwnWrites<KubeObject>();
    writes.record('ns/web', undefined, obj('6'));
    assert.equal(writes.size, 0);
  });

  test('forget drops the note', () => {
    const writes = new OwnWrites<KubeObject>();
    writes.record('ns/web', '5', obj('6'));
    writes.forget('ns/web');
    assert.equal(writes.freshest('ns/web', obj('5')).metadata?.resourceVersion, '5');
  });
});
