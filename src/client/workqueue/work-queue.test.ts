import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { settle } from '../testing/settle.js';
import { type QueueGet, WorkQueue } from './work-queue.js';

const item = (next: QueueGet<string>): string => (next.shutdown ? '<shutdown>' : next.item);

describe('WorkQueue', () => {
  const cases: { name: string; run: (q: WorkQueue<string>) => Promise<string[]>; want: string[] }[] = [
    {
      name: 'items come out in the order they were first added, duplicates merged',
      run: async (q) => {
        for (const k of ['a', 'b', 'a', 'c', 'b']) q.add(k);
        return [item(await q.get()), item(await q.get()), item(await q.get()), String(q.len())];
      },
      want: ['a', 'b', 'c', '0'],
    },
    {
      name: 'an item added while it is processed is handed out again only after done',
      run: async (q) => {
        q.add('a');
        const first = item(await q.get());
        q.add('a');
        const lenWhileProcessing = String(q.len());
        q.done('a');
        return [first, lenWhileProcessing, String(q.len()), item(await q.get())];
      },
      want: ['a', '0', '1', 'a'],
    },
    {
      name: 'an item done without being added again is gone',
      run: async (q) => {
        q.add('a');
        q.done(item(await q.get()));
        return [String(q.len())];
      },
      want: ['0'],
    },
    {
      name: 'after shutDown, queued items are still handed out, then shutdown',
      run: async (q) => {
        q.add('a');
        q.shutDown();
        q.add('b');
        return [item(await q.get()), item(await q.get()), String(q.shuttingDown())];
      },
      want: ['a', '<shutdown>', 'true'],
    },
  ];
  for (const c of cases) test(c.name, async () => assert.deepEqual(await c.run(new WorkQueue<string>()), c.want));

  test('get waits for an add, and waiting workers are served in turn', async () => {
    const q = new WorkQueue<string>();
    const got: string[] = [];
    const workers = [q.get(), q.get()].map((p) => p.then((n) => got.push(item(n))));
    await settle();
    assert.deepEqual(got, []);
    q.add('x');
    q.add('y');
    await Promise.all(workers);
    assert.deepEqual(got, ['x', 'y']);
  });

  test('shutDown wakes every waiting worker with shutdown', async () => {
    const q = new WorkQueue<string>();
    const waiting = [q.get(), q.get()];
    q.shutDown();
    assert.deepEqual((await Promise.all(waiting)).map(item), ['<shutdown>', '<shutdown>']);
  });

  test('no item is ever processed by two workers at once', async () => {
    const q = new WorkQueue<string>();
    const busy = new Set<string>();
    let overlaps = 0;
    let processed = 0;
    const worker = async (): Promise<void> => {
      for (;;) {
        const next = await q.get();
        if (next.shutdown) return;
        if (busy.has(next.item)) overlaps++;
        busy.add(next.item);
        await settle(1);
        q.add(next.item === 'a' && processed < 20 ? 'a' : 'b');
        busy.delete(next.item);
        processed++;
        q.done(next.item);
      }
    };
    const workers = [worker(), worker(), worker()];
    q.add('a');
    q.add('b');
    await settle(100);
    q.shutDown();
    await Promise.all(workers);
    assert.equal(overlaps, 0);
    assert.ok(processed > 20);
  });

  test('shutDownWithDrain waits for items handed out to be done', async () => {
    const q = new WorkQueue<string>();
    q.add('a');
    const next = await q.get();
    let drained = false;
    const draining = q.shutDownWithDrain().then(() => (drained = true));
    await settle();
    assert.equal(drained, false);
    q.done(item(next));
    await draining;
    assert.equal(drained, true);
  });
});
