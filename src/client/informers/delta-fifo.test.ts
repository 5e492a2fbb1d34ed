import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubeObject } from '../kube-object.js';
import { type Delta, DeltaFIFO } from './delta-fifo.js';
import { Indexer } from './indexer.js';
import { DeletedFinalStateUnknown } from './object-key.js';

const obj = (name: string, rv = '1'): KubeObject => ({ metadata: { namespace: 'ns', name, resourceVersion: rv } });

/** Pops everything queued now, as `key: Type Type …` lines. */
async function drain(fifo: DeltaFIFO<KubeObject>): Promise<string[]> {
  const out: string[] = [];
  while (fifo.len() > 0) {
    await fifo.pop((deltas: readonly Delta<KubeObject>[], key) => {
      const describe = (d: Delta<KubeObject>): string =>
        d.object instanceof DeletedFinalStateUnknown ? `${d.type}(tombstone)` : d.type;
      out.push(`${key}: ${deltas.map(describe).join(' ')}`);
    });
  }
  return out;
}

describe('DeltaFIFO', () => {
  const cases: {
    name: string;
    known?: KubeObject[];
    ops: (fifo: DeltaFIFO<KubeObject>) => void;
    want: string[];
  }[] = [
    {
      name: 'changes to one key queue once and keep their order',
      ops: (f) => {
        f.add(obj('a'));
        f.add(obj('b'));
        f.update(obj('a', '2'));
        f.delete(obj('a', '3'));
      },
      want: ['ns/a: Added Updated Deleted', 'ns/b: Added'],
    },
    {
      name: 'a delete of an object neither cached nor queued is dropped',
      ops: (f) => f.delete(obj('ghost')),
      want: [],
    },
    {
      name: 'a relist queues a tombstone for each cached key it lacks',
      known: [obj('kept'), obj('gone')],
      ops: (f) => f.replace([obj('kept', '5'), obj('new', '5')], '5'),
      want: ['ns/kept: Replaced', 'ns/new: Replaced', 'ns/gone: Deleted(tombstone)'],
    },
    {
      name: 'a relist also deletes keys queued but not yet cached',
      ops: (f) => {
        f.add(obj('queued'));
        f.replace([], '5');
      },
      want: ['ns/queued: Added Deleted(tombstone)'],
    },
    {
      name: 'two deletions in a row keep the one that is not a tombstone',
      known: [obj('a')],
      ops: (f) => {
        f.delete(obj('a', '2'));
        f.replace([], '3');
      },
      want: ['ns/a: Deleted'],
    },
    {
      name: 'a resync queues a Sync for each cached key with nothing queued',
      known: [obj('a'), obj('b')],
      ops: (f) => {
        f.update(obj('a', '2'));
        f.resync();
      },
      want: ['ns/a: Updated', 'ns/b: Sync'],
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const known = new Indexer<KubeObject>();
      for (const k of c.known ?? []) known.add(k);
      const fifo = new DeltaFIFO(known);
      c.ops(fifo);
      assert.deepEqual(await drain(fifo), c.want);
    });
  }

  test('it is synced only once the initial list has been processed, not merely popped', async () => {
    const fifo = new DeltaFIFO(new Indexer<KubeObject>());
    assert.equal(fifo.hasSynced(), false);
    fifo.replace([obj('a'), obj('b')], '1');
    const seen: boolean[] = [];
    await fifo.pop(() => seen.push(fifo.hasSynced()));
    await fifo.pop(() => seen.push(fifo.hasSynced()));
    assert.deepEqual(seen, [false, false]);
    assert.equal(fifo.hasSynced(), true);
  });

  test('an empty initial list syncs at once', () => {
    const fifo = new DeltaFIFO(new Indexer<KubeObject>());
    fifo.replace([], '1');
    assert.equal(fifo.hasSynced(), true);
  });

  test('a transform rewrites what is added, updated, replaced and deleted, not resyncs nor tombstones', async () => {
    const known = new Indexer<KubeObject>();
    known.add(obj('cached'));
    known.add(obj('gone'));
    const seen: string[] = [];
    const fifo = new DeltaFIFO(known, (o) => {
      seen.push(`${o.metadata?.name}@${o.metadata?.resourceVersion}`);
      return { metadata: { ...o.metadata, labels: { transformed: 'yes' } } };
    });
    fifo.add(obj('a'));
    fifo.update(obj('a', '2'));
    fifo.delete(obj('a', '3'));
    fifo.replace([obj('cached', '4')], '4');
    fifo.resync();
    const queued: string[] = [];
    while (fifo.len() > 0) {
      await fifo.pop((deltas) => {
        for (const d of deltas) {
          const o = d.object instanceof DeletedFinalStateUnknown ? d.object.obj : d.object;
          queued.push(`${d.type} ${o.metadata?.name} ${o.metadata?.labels?.['transformed'] ?? 'as cached'}`);
        }
      });
    }
    assert.deepEqual(seen, ['a@1', 'a@2', 'a@3', 'cached@4']);
    assert.deepEqual(queued, [
      'Added a yes',
      'Updated a yes',
      'Deleted a yes',
      'Replaced cached yes',
      'Deleted gone as cached',
    ]);
  });

  test('pop waits for an item, and resolves false once closed', async () => {
    const fifo = new DeltaFIFO(new Indexer<KubeObject>());
    const keys: string[] = [];
    const first = fifo.pop((_d, key) => keys.push(key));
    fifo.add(obj('late'));
    assert.equal(await first, true);
    assert.deepEqual(keys, ['ns/late']);
    const second = fifo.pop(() => assert.fail('nothing to pop'));
    fifo.close();
    assert.equal(await second, false);
  });
});
