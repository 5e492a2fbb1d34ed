import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubeObject } from '../kube-object.js';
import { Indexer, NAMESPACE_INDEX } from './indexer.js';
import { splitObjectKey } from './object-key.js';

interface Pod extends KubeObject {
  spec?: { nodeName?: string };
}
const pod = (namespace: string, name: string, nodeName?: string): Pod => ({
  metadata: { namespace, name },
  ...(nodeName === undefined ? {} : { spec: { nodeName } }),
});
const byNode = { node: (p: Pod): string[] => (p.spec?.nodeName ? [p.spec.nodeName] : []) };
const names = (pods: Pod[]): string[] => pods.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`).sort();

describe('Indexer', () => {
  test('objects are keyed namespace/name, or name alone when cluster-scoped', () => {
    const indexer = new Indexer<KubeObject>();
    indexer.add({ metadata: { namespace: 'a', name: 'x' } });
    indexer.add({ metadata: { name: 'node-1' } });
    assert.deepEqual(indexer.listKeys().sort(), ['a/x', 'node-1']);
    assert.ok(indexer.getByKey('node-1'));
  });

  const cases: { name: string; ops: (ix: Indexer<Pod>) => void; node: string; want: string[] }[] = [
    {
      name: 'a custom index finds the objects with that value',
      ops: (ix) => {
        ix.add(pod('a', 'p1', 'n1'));
        ix.add(pod('b', 'p2', 'n1'));
        ix.add(pod('a', 'p3', 'n2'));
      },
      node: 'n1',
      want: ['a/p1', 'b/p2'],
    },
    {
      name: 'an update moves the object to its new index value',
      ops: (ix) => {
        ix.add(pod('a', 'p1', 'n1'));
        ix.update(pod('a', 'p1', 'n2'));
      },
      node: 'n1',
      want: [],
    },
    {
      name: 'a delete removes the object from every index',
      ops: (ix) => {
        ix.add(pod('a', 'p1', 'n1'));
        ix.delete(pod('a', 'p1'));
      },
      node: 'n1',
      want: [],
    },
    {
      name: 'replace drops what the new content lacks',
      ops: (ix) => {
        ix.add(pod('a', 'p1', 'n1'));
        ix.replace([pod('a', 'p2', 'n1')]);
      },
      node: 'n1',
      want: ['a/p2'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const ix = new Indexer<Pod>(byNode);
      c.ops(ix);
      assert.deepEqual(names(ix.byIndex('node', c.node)), c.want);
    });
  }

  test('the namespace index is built in', () => {
    const ix = new Indexer<Pod>();
    ix.add(pod('a', 'p1'));
    ix.add(pod('b', 'p2'));
    assert.deepEqual(names(ix.byIndex(NAMESPACE_INDEX, 'a')), ['a/p1']);
    assert.deepEqual(ix.listIndexFuncValues(NAMESPACE_INDEX).sort(), ['a', 'b']);
    assert.deepEqual(names(ix.index(NAMESPACE_INDEX, pod('b', 'other'))), ['b/p2']);
  });

  test('an index added later covers the objects already there', () => {
    const ix = new Indexer<Pod>();
    ix.add(pod('a', 'p1', 'n1'));
    ix.addIndexers(byNode);
    assert.deepEqual(ix.indexKeys('node', 'n1'), ['a/p1']);
  });

  test('an unknown index and a duplicate index name are errors', () => {
    const ix = new Indexer<Pod>(byNode);
    assert.throws(() => ix.byIndex('nope', 'x'), /index with name nope does not exist/);
    assert.throws(() => ix.addIndexers(byNode), /indexer conflict: node/);
  });
});

describe('splitObjectKey', () => {
  const cases: { key: string; want?: { namespace: string; name: string } }[] = [
    { key: 'ns/name', want: { namespace: 'ns', name: 'name' } },
    { key: 'name', want: { namespace: '', name: 'name' } },
    { key: 'a/b/c' },
    { key: '' },
    { key: '/x' },
  ];
  for (const c of cases) {
    test(`${JSON.stringify(c.key)} ${c.want ? 'splits' : 'is refused'}`, () => {
      if (c.want) assert.deepEqual(splitObjectKey(c.key), c.want);
      else assert.throws(() => splitObjectKey(c.key), TypeError);
    });
  }
});
