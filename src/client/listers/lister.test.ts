import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseLabelSelector } from '../../machinery/labels/index.js';
import { Indexer } from '../informers/indexer.js';
import type { KubeObject } from '../kube-object.js';
import { Lister } from './lister.js';

const obj = (namespace: string, name: string, labels: Record<string, string> = {}): KubeObject => ({
  metadata: { namespace, name, labels },
});

function lister(): Lister<KubeObject> {
  const indexer = new Indexer<KubeObject>();
  indexer.add(obj('a', 'web-1', { app: 'web' }));
  indexer.add(obj('a', 'db-1', { app: 'db' }));
  indexer.add(obj('b', 'web-2', { app: 'web' }));
  indexer.add({ metadata: { name: 'node-1', labels: { role: 'worker' } } });
  return new Lister(indexer);
}
const names = (objects: KubeObject[]): string[] => objects.map((o) => o.metadata?.name ?? '').sort();

describe('Lister', () => {
  const cases: { name: string; got: (l: Lister<KubeObject>) => KubeObject[]; want: string[] }[] = [
    {
      name: 'list without a selector returns everything',
      got: (l) => l.list(),
      want: ['db-1', 'node-1', 'web-1', 'web-2'],
    },
    {
      name: 'list with a selector filters by labels',
      got: (l) => l.list(parseLabelSelector('app=web')),
      want: ['web-1', 'web-2'],
    },
    {
      name: 'a namespace lister sees only its namespace',
      got: (l) => l.byNamespace('a').list(),
      want: ['db-1', 'web-1'],
    },
    {
      name: 'a namespace lister applies the selector too',
      got: (l) => l.byNamespace('a').list(parseLabelSelector('app!=web')),
      want: ['db-1'],
    },
    {
      name: 'an empty namespace holds the cluster-scoped objects',
      got: (l) => l.byNamespace('').list(),
      want: ['node-1'],
    },
  ];
  for (const c of cases) test(c.name, () => assert.deepEqual(names(c.got(lister())), c.want));

  test('get finds namespaced and cluster-scoped objects, and answers undefined for absent ones', () => {
    const l = lister();
    assert.equal(l.get('a', 'web-1')?.metadata?.name, 'web-1');
    assert.equal(l.get('', 'node-1')?.metadata?.name, 'node-1');
    assert.equal(l.byNamespace('b').get('web-2')?.metadata?.name, 'web-2');
    assert.equal(l.get('b', 'web-1'), undefined);
  });

  test('it hands out the cached object itself, not a copy', () => {
    const indexer = new Indexer<KubeObject>();
    const cached = obj('a', 'x');
    indexer.add(cached);
    assert.equal(new Lister(indexer).get('a', 'x'), cached);
  });
});
