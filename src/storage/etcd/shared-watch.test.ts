/**
 * Watches of one prefix sharing one etcd watch: what they see (the `Store.watch` contract, watch by watch)
 * and what they cost etcd (counted by the shared watches and by etcd's own watcher gauge).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Etcd3 } from 'etcd3';
import { startEtcd, type EtcdServer } from '../../../test/support/etcd-process.js';
import { CompactedError } from '../errors.js';
import type { WatchEvent } from '../store.js';
import { createEtcdClient } from './etcd-client.js';
import { EtcdKeys } from './etcd-keys.js';
import { openEtcdStore, type EtcdStore } from './etcd-store.js';
import { SharedWatches } from './shared-watch.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
let counter = 0;
const freshPrefix = (): string => `/shared/${Date.now()}-${++counter}/`;

/** The next `n` events of an iterator (fewer if it ends), failing after `ms`. */
async function take(events: AsyncIterator<WatchEvent>, n: number, ms = 10_000): Promise<WatchEvent[]> {
  const out: WatchEvent[] = [];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`only ${out.length} of ${n} events within ${ms} ms`)), ms);
  });
  try {
    while (out.length < n) {
      const next = await Promise.race([events.next(), timeout]);
      if (next.done === true) break;
      out.push(next.value);
    }
  } finally {
    clearTimeout(timer);
  }
  return out;
}

const revisions = (events: readonly WatchEvent[]): number[] => events.map((e) => e.revision);

describe('shared etcd watches', () => {
  let etcd: EtcdServer;
  let store: EtcdStore;
  const clients: Etcd3[] = [];
  const hubs: SharedWatches[] = [];

  /** Watches on their own client, sharing as the store's do, with their etcd watches countable. */
  const sharedWatches = (options: { maxBufferedEvents?: number; historyEvents?: number } = {}): SharedWatches => {
    const client = createEtcdClient([etcd.endpoint]);
    clients.push(client);
    const hub = new SharedWatches({
      client,
      keys: new EtcdKeys(''),
      maxBufferedEvents: options.maxBufferedEvents ?? 1000,
      historyEvents: options.historyEvents,
      compactedRevision: () => store.compactedRevision(),
    });
    hubs.push(hub);
    return hub;
  };
  /** Creates `n` keys under `prefix`, one write each; returns their revisions. */
  const write = async (prefix: string, n: number, tag = 'k'): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const result = await store.create(`${prefix}${tag}${i}`, enc(String(i)));
      assert.ok(result.ok);
      out.push(result.revision);
    }
    return out;
  };
  /** etcd's own count of the watches it serves (each test ends with none left). */
  const etcdWatchers = async (): Promise<number> => {
    const text = await (await fetch(`${etcd.endpoint}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('etcd_debugging_mvcc_watcher_total '));
    return Number(line?.split(' ')[1] ?? NaN);
  };
  const eventuallyWatchers = async (n: number): Promise<void> => {
    const deadline = Date.now() + 5_000;
    while ((await etcdWatchers()) !== n) {
      if (Date.now() > deadline) assert.fail(`etcd still serves ${await etcdWatchers()} watches, not ${n}`);
      await sleep(20);
    }
  };

  before(async () => {
    etcd = await startEtcd();
    store = await openEtcdStore({ endpoints: [etcd.endpoint], connectDeadlineMs: 10_000 });
  });
  afterEach(async () => {
    await Promise.all(hubs.splice(0).map((h) => h.close()));
    for (const c of clients.splice(0)) c.close();
    await eventuallyWatchers(0);
  });
  after(async () => {
    await store.close();
    await etcd.stop();
  });

  test('twenty watchers started at different revisions see identical gap-free sequences over one etcd watch', async () => {
    const hub = sharedWatches();
    const p = freshPrefix();
    const base = await store.currentRevision();
    const first = hub.watch(p, { afterRevision: base })[Symbol.asyncIterator]();
    const early = await write(p, 30, 'early');
    assert.equal((await take(first, 1))[0]?.revision, early[0]);
    const starts = Array.from({ length: 19 }, (_, i) => (i === 0 ? base : (early[i] ?? base)));
    const others = starts.map((start) => hub.watch(p, { afterRevision: start })[Symbol.asyncIterator]());
    const late = await write(p, 30, 'late');
    const all = [...early, ...late];
    const wanted = (start: number): number[] => all.filter((r) => r > start);
    assert.deepEqual([early[0], ...revisions(await take(first, 59))], all);
    for (const [i, it] of others.entries()) {
      const start = starts[i] ?? base;
      assert.deepEqual(revisions(await take(it, wanted(start).length)), wanted(start), `watcher after ${start}`);
    }
    assert.deepEqual(hub.etcdWatches(), { open: 1, started: 1 });
    assert.equal(await etcdWatchers(), 1);
    await Promise.all([first, ...others].map((it) => it.return?.()));
    await eventuallyWatchers(0);
  });

  test('a watcher joining late replays the shared history, then goes on live', async () => {
    const hub = sharedWatches();
    const p = freshPrefix();
    const base = await store.currentRevision();
    const live = hub.watch(p, { afterRevision: base })[Symbol.asyncIterator]();
    const earlier = await write(p, 50, 'a');
    assert.deepEqual(revisions(await take(live, 50)), earlier);
    const joiner = hub.watch(p, { afterRevision: base })[Symbol.asyncIterator]();
    assert.deepEqual(revisions(await take(joiner, 50)), earlier);
    const later = await write(p, 5, 'b');
    assert.deepEqual(revisions(await take(joiner, 5)), later);
    assert.deepEqual(revisions(await take(live, 5)), later);
    assert.deepEqual(hub.etcdWatches(), { open: 1, started: 1 }, 'the joiner needed no etcd watch of its own');
    await Promise.all([live.return?.(), joiner.return?.()]);
  });

  test("one watcher's abort ends only that watcher; the last one leaving cancels the etcd watch", async () => {
    const hub = sharedWatches();
    const p = freshPrefix();
    const base = await store.currentRevision();
    const controllers = [new AbortController(), new AbortController(), new AbortController()];
    const its = controllers.map((c) => hub.watch(p, { afterRevision: base, signal: c.signal })[Symbol.asyncIterator]());
    const [one] = await write(p, 1, 'one');
    for (const it of its) assert.deepEqual(revisions(await take(it, 1)), [one]);
    controllers[0]?.abort();
    assert.deepEqual(await its[0]?.next(), { done: true, value: undefined });
    const two = await write(p, 3, 'two');
    for (const it of its.slice(1)) assert.deepEqual(revisions(await take(it, 3)), two);
    assert.equal(hub.etcdWatches().open, 1);
    controllers[1]?.abort();
    controllers[2]?.abort();
    for (const it of its.slice(1)) assert.deepEqual(await it.next(), { done: true, value: undefined });
    assert.equal(hub.etcdWatches().open, 0);
    await eventuallyWatchers(0);
  });

  test('a watch from before the shared history catches up on its own etcd watch, then joins the shared one', async () => {
    const hub = sharedWatches({ historyEvents: 10 });
    const p = freshPrefix();
    const base = await store.currentRevision();
    const live = hub.watch(p, { afterRevision: base })[Symbol.asyncIterator]();
    const earlier = await write(p, 40, 'a');
    assert.deepEqual(revisions(await take(live, 40)), earlier);
    const old = hub.watch(p, { afterRevision: base })[Symbol.asyncIterator]();
    assert.deepEqual(revisions(await take(old, 40)), earlier);
    assert.equal(hub.etcdWatches().started, 2, 'the old watch needed a catch-up watch');
    const later = await write(p, 5, 'b');
    assert.deepEqual(revisions(await take(old, 5)), later);
    assert.deepEqual(revisions(await take(live, 5)), later);
    assert.equal(hub.etcdWatches().open, 1, 'caught up, it moved to the shared watch');
    await eventuallyWatchers(1);
    await Promise.all([live.return?.(), old.return?.()]);
  });

  test('a stalled consumer leaves the shared watch and catches up without a gap while the others go on', async () => {
    const hub = sharedWatches({ maxBufferedEvents: 5, historyEvents: 20 });
    const p = freshPrefix();
    const base = await store.currentRevision();
    const prompt = hub.watch(p, { afterRevision: base })[Symbol.asyncIterator]();
    const stalled = hub.watch(p, { afterRevision: base })[Symbol.asyncIterator]();
    const firstOfStalled = stalled.next();
    const reading = take(prompt, 60);
    const written = await write(p, 60);
    assert.deepEqual(revisions(await reading), written, 'the prompt watcher was not held up');
    const got = [(await firstOfStalled).value as WatchEvent, ...(await take(stalled, 59))];
    assert.deepEqual(revisions(got), written);
    const more = await write(p, 3, 'more');
    assert.deepEqual(revisions(await take(stalled, 3)), more);
    assert.deepEqual(revisions(await take(prompt, 3)), more);
    await Promise.all([prompt.return?.(), stalled.return?.()]);
  });

  test('a watch after a compacted revision fails even though the shared history still holds what follows', async () => {
    const hub = sharedWatches();
    const p = freshPrefix();
    const base = await store.currentRevision();
    const live = hub.watch(p, { afterRevision: base })[Symbol.asyncIterator]();
    const written = await write(p, 10);
    assert.deepEqual(revisions(await take(live, 10)), written);
    const at = written[5] ?? 0;
    await store.compact(at);
    const tooOld = hub.watch(p, { afterRevision: at - 1 })[Symbol.asyncIterator]();
    await assert.rejects(tooOld.next(), (err: Error) => {
      assert.ok(err instanceof CompactedError);
      assert.equal(err.requestedRevision, at - 1);
      assert.equal(err.compactedRevision, at);
      return true;
    });
    const fine = hub.watch(p, { afterRevision: at })[Symbol.asyncIterator]();
    assert.deepEqual(revisions(await take(fine, 4)), written.slice(6));
    assert.deepEqual(hub.etcdWatches(), { open: 1, started: 1 });
    await Promise.all([live.return?.(), fine.return?.()]);
  });

  test('watches of "/a/" and "/ab/" are separate, and "/a" sees both', async () => {
    const hub = sharedWatches();
    const p = freshPrefix();
    const base = await store.currentRevision();
    const watch = (prefix: string): AsyncIterator<WatchEvent> =>
      hub.watch(`${p}${prefix}`, { afterRevision: base })[Symbol.asyncIterator]();
    const [a, ab, bare] = [watch('a/'), watch('ab/'), watch('a')];
    assert.ok((await store.create(`${p}a/x`, enc('x'))).ok);
    assert.ok((await store.create(`${p}ab/y`, enc('y'))).ok);
    const keys = async (it: AsyncIterator<WatchEvent>, n: number): Promise<string[]> =>
      (await take(it, n)).map((e) => e.kv.key.slice(p.length));
    assert.deepEqual(await keys(bare, 2), ['a/x', 'ab/y']);
    assert.deepEqual(await keys(a, 1), ['a/x']);
    assert.deepEqual(await keys(ab, 1), ['ab/y']);
    assert.equal(hub.etcdWatches().open, 3);
    assert.ok((await store.create(`${p}a/z`, enc('z'))).ok);
    assert.deepEqual(await keys(a, 1), ['a/z'], 'nothing of "/ab/" reached the "/a/" watch');
    await Promise.all([a.return?.(), ab.return?.(), bare.return?.()]);
  });

  test('closing ends every watch normally and cancels every etcd watch', async () => {
    const hub = sharedWatches();
    const p = freshPrefix();
    const base = await store.currentRevision();
    const its = Array.from({ length: 5 }, (_, i) => hub.watch(`${p}${i % 2}/`, { afterRevision: base }));
    const draining = its.map(async (events) => {
      for await (const _ of events) assert.fail('no event was written');
    });
    await sleep(100);
    assert.equal(hub.etcdWatches().open, 2);
    await hub.close();
    await Promise.all(draining);
    assert.equal(hub.etcdWatches().open, 0);
    await eventuallyWatchers(0);
  });
});
