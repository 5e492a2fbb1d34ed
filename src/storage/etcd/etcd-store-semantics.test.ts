/**
 * etcd-only behaviour of the etcd store, beyond the shared conformance suite: leases, outages, etcd's own
 * request limit, compaction made by other clients, watch flow control and key prefixes.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startEtcd, type EtcdServer } from '../../../test/support/etcd-process.js';
import { CompactedError, StoreClosedError, UnavailableError, ValueTooLargeError } from '../errors.js';
import { MAX_VALUE_BYTES, type WatchEvent } from '../store.js';
import { openEtcdStore, type EtcdStore, type EtcdStoreOptions } from './etcd-store.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
let counter = 0;
const freshPrefix = (): string => `/semantics/${Date.now()}-${++counter}/`;

/** The next `n` events of an iterator, failing after `ms`. */
async function take(events: AsyncIterator<WatchEvent>, n: number, ms = 10_000): Promise<WatchEvent[]> {
  const out: WatchEvent[] = [];
  const deadline = Date.now() + ms;
  while (out.length < n) {
    const timeLeft = deadline - Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`only ${out.length} of ${n} events within ${ms} ms`)), timeLeft);
    });
    const next = await Promise.race([events.next(), timeout]).finally(() => clearTimeout(timer));
    if (next.done === true) break;
    out.push(next.value);
  }
  return out;
}

/** Retries `fn` while it fails with UnavailableError, for at most `ms`. */
async function untilAvailable<T>(fn: () => Promise<T>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof UnavailableError) || Date.now() > deadline) throw err;
      await sleep(100);
    }
  }
}

describe('etcd store', () => {
  let etcd: EtcdServer;
  const stores: EtcdStore[] = [];
  const open = async (options: Partial<EtcdStoreOptions> = {}, server = etcd): Promise<EtcdStore> => {
    const store = await openEtcdStore({ endpoints: [server.endpoint], connectDeadlineMs: 10_000, ...options });
    stores.push(store);
    return store;
  };
  before(async () => {
    etcd = await startEtcd();
  });
  after(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await etcd.stop();
  });

  test('a key whose lease runs out is deleted with a watch event carrying its last value', async () => {
    const s = await open();
    const p = freshPrefix();
    const events = s.watch(p, { afterRevision: await s.currentRevision() })[Symbol.asyncIterator]();
    const made = await s.create(`${p}short`, enc('x'), { ttlSeconds: 1 });
    assert.ok(made.ok);
    const [created, deleted] = await take(events, 2, 15_000);
    assert.equal(created?.type, 'created');
    assert.equal(deleted?.type, 'deleted');
    assert.equal(dec(deleted.kv.value), 'x');
    assert.equal(deleted.kv.modRevision, deleted.revision);
    assert.equal(deleted.kv.createRevision, made.revision);
    assert.equal(deleted.prevKv?.modRevision, made.revision);
    await events.return?.();
  });

  test('an endpoint nobody listens on fails to open with UnavailableError after logged retries', async () => {
    const port = await closedPort();
    const lines: string[] = [];
    const started = Date.now();
    await assert.rejects(
      openEtcdStore({
        endpoints: [`http://127.0.0.1:${port}`],
        connectDeadlineMs: 1_500,
        connectRetryMs: 100,
        log: (line) => lines.push(line),
      }),
      (err: Error) => {
        assert.ok(err instanceof UnavailableError);
        assert.equal(err.retryable, true);
        assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
        return true;
      },
    );
    assert.ok(Date.now() - started < 4_000, 'gives up near its deadline');
    assert.ok(lines.length >= 2, `one line per retry: ${lines.join('\n')}`);
    assert.match(lines[0] ?? '', /not ready .* retrying in 0\.1s/);
  });

  test('a value over the limit is refused before anything is sent', async () => {
    const s = await open();
    const before = await s.currentRevision();
    await assert.rejects(s.create(`${freshPrefix()}big`, new Uint8Array(MAX_VALUE_BYTES + 1)), ValueTooLargeError);
    assert.equal(await s.currentRevision(), before);
  });

  test("a write over etcd's own request limit is reported as ValueTooLargeError", async () => {
    const small = await startEtcd({ extraArgs: ['--max-request-bytes', String(64 * 1024)] });
    try {
      const s = await open({}, small);
      await assert.rejects(s.create('/big', new Uint8Array(100 * 1024)), (err: Error) => {
        assert.ok(err instanceof ValueTooLargeError);
        assert.equal(err.key, '/big');
        return true;
      });
      assert.ok((await s.create('/small', new Uint8Array(1024))).ok);
    } finally {
      await small.stop();
    }
  });

  test('a compaction made by another client is found exactly, and reads and watches below it fail', async () => {
    const [s, other] = [await open(), await open()];
    const p = freshPrefix();
    const revisions: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await s.create(`${p}k${i}`, enc(String(i)));
      assert.ok(r.ok);
      revisions.push(r.revision);
    }
    const at = revisions[5] ?? 0;
    await other.compact(at);
    assert.equal(await s.compactedRevision(), at);
    await assert.rejects(s.get(`${p}k0`, { revision: at - 1 }), (err: Error) => {
      assert.ok(err instanceof CompactedError);
      assert.equal(err.requestedRevision, at - 1);
      assert.equal(err.compactedRevision, at);
      return true;
    });
    assert.equal(dec((await s.get(`${p}k5`, { revision: at }))?.value ?? enc('')), '5');
    const tooOld = s.watch(p, { afterRevision: at - 1 })[Symbol.asyncIterator]();
    await assert.rejects(tooOld.next(), CompactedError);
    const fine = s.watch(p, { afterRevision: at })[Symbol.asyncIterator]();
    assert.deepEqual(
      (await take(fine, 4)).map((e) => dec(e.kv.value)),
      ['6', '7', '8', '9'],
    );
    await fine.return?.();
  });

  test('a slow consumer with a tiny buffer still sees every event once, in order', async () => {
    const s = await open({ maxBufferedWatchEvents: 3 });
    const p = freshPrefix();
    const events = s.watch(p, { afterRevision: await s.currentRevision() })[Symbol.asyncIterator]();
    const first = events.next();
    for (let i = 0; i < 50; i++) assert.ok((await s.create(`${p}k${String(i).padStart(2, '0')}`, enc(String(i)))).ok);
    const got = [(await first).value as WatchEvent, ...(await take(events, 49))];
    assert.deepEqual(
      got.map((e) => dec(e.kv.value)),
      Array.from({ length: 50 }, (_, i) => String(i)),
    );
    await events.return?.();
  });

  test('a consumer far behind is paused, not buffered, and fails if history is compacted meanwhile', async () => {
    const s = await open({ maxBufferedWatchEvents: 5 });
    const p = freshPrefix();
    const events = s.watch(p, { afterRevision: await s.currentRevision() })[Symbol.asyncIterator]();
    const first = events.next();
    assert.ok((await s.create(`${p}first`, enc('first'))).ok);
    assert.equal(dec(((await first).value as WatchEvent).kv.value), 'first');
    for (let i = 0; i < 30; i++) assert.ok((await s.create(`${p}k${i}`, enc(String(i)))).ok);
    await sleep(300);
    await s.compact(await s.currentRevision());
    const delivered: string[] = [];
    await assert.rejects(async () => {
      for (;;) {
        const next = await events.next();
        if (next.done === true) return;
        delivered.push(dec(next.value.kv.value));
      }
    }, CompactedError);
    assert.ok(delivered.length < 30, `only the buffered events came before the error: ${delivered.length}`);
    assert.deepEqual(
      delivered,
      Array.from({ length: delivered.length }, (_, i) => String(i)),
    );
  });

  test("stores with different prefixes share an etcd without seeing each other's keys", async () => {
    const [a, b] = [await open({ prefix: '/tenant-a' }), await open({ prefix: '/tenant-b' })];
    const key = `${freshPrefix()}k`;
    const watching = a.watch('', { afterRevision: await a.currentRevision() })[Symbol.asyncIterator]();
    assert.ok((await b.create(key, enc('b'))).ok);
    assert.ok((await a.create(key, enc('a'))).ok);
    const [event] = await take(watching, 1);
    assert.equal(event?.kv.key, key);
    assert.equal(dec(event.kv.value), 'a');
    assert.deepEqual(
      (await a.list('')).items.map((kv) => [kv.key, dec(kv.value)]),
      [[key, 'a']],
    );
    assert.equal(await b.count(''), 1);
    await watching.return?.();
  });

  test('while etcd is down calls fail with a retryable UnavailableError, and a watch carries on after', async () => {
    const own = await startEtcd();
    try {
      const s = await open({ requestTimeoutMs: 1_000 }, own);
      const p = freshPrefix();
      const events = s.watch(p, { afterRevision: await s.currentRevision() })[Symbol.asyncIterator]();
      for (let i = 0; i < 5; i++) assert.ok((await s.create(`${p}k${i}`, enc(String(i)))).ok);
      assert.equal((await take(events, 5)).length, 5);
      await own.kill('SIGKILL');
      const started = Date.now();
      await assert.rejects(s.get(`${p}k0`), (err: Error) => err instanceof UnavailableError && err.retryable);
      await assert.rejects(s.create(`${p}down`, enc('x')), UnavailableError);
      assert.ok(Date.now() - started < 4_000, 'each call gives up after its timeout');
      await own.restart();
      for (let i = 5; i < 10; i++) await untilAvailable(() => s.create(`${p}k${i}`, enc(String(i))));
      const after = await take(events, 5, 20_000);
      assert.deepEqual(
        after.map((e) => dec(e.kv.value)),
        ['5', '6', '7', '8', '9'],
      );
      await events.return?.();
    } finally {
      await own.stop();
    }
  });

  test('a closed store refuses calls with StoreClosedError', async () => {
    const s = await open();
    await s.close();
    await s.close();
    await assert.rejects(s.get('/x'), StoreClosedError);
    await assert.rejects(s.create('/x', enc('x')), StoreClosedError);
    await assert.rejects(s.list('/'), StoreClosedError);
    await assert.rejects(s.compact(1), StoreClosedError);
    await assert.rejects(s.watch('/', { afterRevision: 0 })[Symbol.asyncIterator]().next(), StoreClosedError);
  });
});

/** A loopback port with no listener. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
