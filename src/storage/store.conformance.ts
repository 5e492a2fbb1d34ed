/**
 * The behaviour every Store must have. Each backend's test runs it in a few lines:
 *
 *   runStoreConformance('sqlite', async () => { const store = …; return { store, cleanup } });
 *
 * Tests use their own key prefixes, so a backend may hand out stores that share one server.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CompactedError, InvalidContinueError, ValueTooLargeError } from './errors.js';
import { MAX_VALUE_BYTES, type KeyValue, type Store, type WatchEvent } from './store.js';

export interface OpenedStore {
  readonly store: Store;
  cleanup(): Promise<void>;
}

export interface ConformanceOptions {
  /** Writes made while a watcher does not consume, to prove it is caught up without gaps (default 12,000). */
  readonly lagEvents?: number;
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);
let prefixCounter = 0;
const freshPrefix = (): string => `/conformance/${process.pid}-${Date.now()}-${++prefixCounter}/`;

async function created(store: Store, key: string, value: string): Promise<KeyValue> {
  const result = await store.create(key, enc(value));
  assert.ok(result.ok, `create ${key}`);
  return result.kv;
}

/** Collects `n` events from a watch, failing after `ms`. */
async function collect(events: AsyncIterable<WatchEvent>, n: number, ms = 10_000): Promise<WatchEvent[]> {
  const out: WatchEvent[] = [];
  if (n === 0) return out;
  const timer = setTimeout(() => undefined, ms);
  try {
    const deadline = Date.now() + ms;
    for await (const event of events) {
      out.push(event);
      if (out.length >= n) break;
      if (Date.now() > deadline) break;
    }
  } finally {
    clearTimeout(timer);
  }
  return out;
}

async function eventually(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const summary = (e: WatchEvent): string => `${e.type} ${e.kv.key} ${dec(e.kv.value)}`;

export function runStoreConformance(
  name: string,
  open: () => Promise<OpenedStore>,
  options: ConformanceOptions = {},
): void {
  describe(`${name} store conformance`, () => {
    const withStore = (title: string, body: (store: Store, p: string) => Promise<void>): void => {
      test(title, { timeout: 120_000 }, async () => {
        const { store, cleanup } = await open();
        try {
          await body(store, freshPrefix());
        } finally {
          await store.close();
          await cleanup();
        }
      });
    };

    withStore('a created key reads back with its create and mod revisions set to the write revision', async (s, p) => {
      const result = await s.create(`${p}a`, enc('one'));
      assert.ok(result.ok);
      assert.equal(result.kv.createRevision, result.revision);
      assert.equal(result.kv.modRevision, result.revision);
      const got = await s.get(`${p}a`);
      assert.deepEqual(got && { ...got, value: dec(got.value) }, { ...result.kv, value: 'one' });
      assert.equal(await s.currentRevision(), result.revision);
    });

    withStore('values come back byte for byte, zero bytes and all', async (s, p) => {
      const bytes = new Uint8Array(4096).map((_, i) => (i * 31) % 256);
      assert.ok((await s.create(`${p}bin`, bytes)).ok);
      assert.deepEqual(new Uint8Array((await s.get(`${p}bin`))!.value), bytes);
    });

    withStore('creating a key that exists returns the current version and writes nothing', async (s, p) => {
      const first = await created(s, `${p}a`, 'one');
      const before = await s.currentRevision();
      const second = await s.create(`${p}a`, enc('two'));
      assert.equal(second.ok, false);
      assert.ok(!second.ok && second.current !== undefined);
      assert.equal(dec(second.current.value), 'one');
      assert.equal(second.current.modRevision, first.modRevision);
      assert.equal(await s.currentRevision(), before);
    });

    withStore(
      'an update with the current mod revision replaces the value and keeps the create revision',
      async (s, p) => {
        const first = await created(s, `${p}a`, 'one');
        const result = await s.update(`${p}a`, enc('two'), first.modRevision);
        assert.ok(result.ok);
        assert.ok(result.revision > first.modRevision);
        assert.equal(result.kv.createRevision, first.createRevision);
        assert.equal(result.kv.modRevision, result.revision);
        assert.equal(dec((await s.get(`${p}a`))!.value), 'two');
      },
    );

    withStore('an update with a stale mod revision is a miss that carries the current version', async (s, p) => {
      const first = await created(s, `${p}a`, 'one');
      const second = await s.update(`${p}a`, enc('two'), first.modRevision);
      assert.ok(second.ok);
      const stale = await s.update(`${p}a`, enc('three'), first.modRevision);
      assert.equal(stale.ok, false);
      assert.ok(!stale.ok && stale.current);
      assert.equal(stale.current.modRevision, second.revision);
      assert.equal(dec(stale.current.value), 'two');
    });

    withStore('an update or delete of a missing key is a miss with no current version', async (s, p) => {
      assert.deepEqual(await s.update(`${p}nope`, enc('x'), 1), { ok: false, current: undefined });
      assert.deepEqual(await s.delete(`${p}nope`), { ok: false, current: undefined });
      assert.deepEqual(await s.delete(`${p}nope`, 1), { ok: false, current: undefined });
    });

    withStore(
      'a delete guarded by the current mod revision removes the key and returns its last version',
      async (s, p) => {
        const first = await created(s, `${p}a`, 'one');
        const miss = await s.delete(`${p}a`, first.modRevision + 1000);
        assert.equal(miss.ok, false);
        const hit = await s.delete(`${p}a`, first.modRevision);
        assert.ok(hit.ok);
        assert.equal(dec(hit.kv.value), 'one');
        assert.equal(hit.kv.modRevision, first.modRevision);
        assert.ok(hit.revision > first.modRevision);
        assert.equal(await s.get(`${p}a`), undefined);
        const again = await created(s, `${p}a`, 'reborn');
        assert.ok(again.createRevision > hit.revision, 'a recreated key has a new create revision');
      },
    );

    withStore('revisions grow with every write and the current revision is the last write', async (s, p) => {
      const revisions: number[] = [];
      for (let i = 0; i < 5; i++) revisions.push((await created(s, `${p}k${i}`, 'v')).modRevision);
      const up = await s.update(`${p}k0`, enc('w'), revisions[0]!);
      assert.ok(up.ok);
      revisions.push(up.revision);
      const del = await s.delete(`${p}k1`);
      assert.ok(del.ok);
      revisions.push(del.revision);
      for (let i = 1; i < revisions.length; i++) assert.ok(revisions[i]! > revisions[i - 1]!, `${revisions}`);
      assert.equal(await s.currentRevision(), revisions[revisions.length - 1]);
    });

    withStore('a get at an older revision sees the key as it was then', async (s, p) => {
      const v1 = await created(s, `${p}a`, 'one');
      const v2 = await s.update(`${p}a`, enc('two'), v1.modRevision);
      assert.ok(v2.ok);
      const gone = await s.delete(`${p}a`);
      assert.ok(gone.ok);
      const later = await created(s, `${p}b`, 'late');
      assert.equal(dec((await s.get(`${p}a`, { revision: v1.modRevision }))!.value), 'one');
      assert.equal(dec((await s.get(`${p}a`, { revision: v2.revision }))!.value), 'two');
      assert.equal(await s.get(`${p}a`, { revision: gone.revision }), undefined);
      assert.equal(await s.get(`${p}a`), undefined);
      assert.equal(await s.get(`${p}b`, { revision: v1.modRevision }), undefined);
      assert.equal(dec((await s.get(`${p}b`, { revision: later.modRevision }))!.value), 'late');
    });

    withStore('a list holds exactly the live keys under the prefix, in key order', async (s, p) => {
      for (const k of ['c', 'a', 'b', 'b/x', 'd']) await created(s, `${p}${k}`, k);
      await created(s, `${p.slice(0, -1)}-sibling/z`, 'other');
      assert.ok((await s.delete(`${p}d`)).ok);
      const result = await s.list(p);
      assert.deepEqual(
        result.items.map((kv) => [kv.key.slice(p.length), dec(kv.value)]),
        [
          ['a', 'a'],
          ['b', 'b'],
          ['b/x', 'b/x'],
          ['c', 'c'],
        ],
      );
      assert.equal(result.revision, await s.currentRevision());
      assert.equal(result.continue, undefined);
      assert.equal(await s.count(p), 4);
      assert.equal(await s.count(`${p}b`), 2);
    });

    withStore('a list at an older revision shows that snapshot', async (s, p) => {
      const a = await created(s, `${p}a`, 'a1');
      await created(s, `${p}b`, 'b1');
      const snapshot = await s.currentRevision();
      assert.ok((await s.update(`${p}a`, enc('a2'), a.modRevision)).ok);
      assert.ok((await s.delete(`${p}b`)).ok);
      await created(s, `${p}c`, 'c1');
      const old = await s.list(p, { revision: snapshot });
      assert.equal(old.revision, snapshot);
      assert.deepEqual(
        old.items.map((kv) => dec(kv.value)),
        ['a1', 'b1'],
      );
      const now = await s.list(p);
      assert.deepEqual(
        now.items.map((kv) => dec(kv.value)),
        ['a2', 'c1'],
      );
    });

    withStore(
      'pages of a listing cover every key once, from one snapshot, despite writes between pages',
      async (s, p) => {
        const keys = Array.from({ length: 25 }, (_, i) => `${p}k${String(i).padStart(2, '0')}`);
        for (const k of keys) await created(s, k, 'v1');
        const first = await s.list(p, { limit: 10 });
        assert.equal(first.items.length, 10);
        assert.equal(first.remaining, 15);
        assert.ok(first.continue);
        await created(s, `${p}k05a`, 'new');
        await created(s, `${p}zz`, 'new');
        assert.ok((await s.delete(keys[20]!)).ok);
        const k15 = (await s.get(keys[15]!))!;
        assert.ok((await s.update(keys[15]!, enc('v2'), k15.modRevision)).ok);
        const seen = [...first.items];
        let token: string | undefined = first.continue;
        let pages = 1;
        while (token !== undefined) {
          const page = await s.list(p, { limit: 10, continue: token });
          assert.equal(page.revision, first.revision);
          seen.push(...page.items);
          token = page.continue;
          pages++;
        }
        assert.equal(pages, 3);
        assert.deepEqual(
          seen.map((kv) => kv.key),
          keys,
        );
        assert.ok(seen.every((kv) => dec(kv.value) === 'v1'));
      },
    );

    withStore('a malformed continue token, or one from another prefix, is refused', async (s, p) => {
      for (let i = 0; i < 3; i++) await created(s, `${p}k${i}`, 'v');
      const page = await s.list(p, { limit: 1 });
      assert.ok(page.continue);
      await assert.rejects(s.list(p, { continue: 'not-a-token!' }), InvalidContinueError);
      await assert.rejects(s.list(`${p}other/`, { continue: page.continue }), InvalidContinueError);
    });

    withStore('a watch delivers created, updated and deleted events with previous values, in order', async (s, p) => {
      const start = await s.currentRevision();
      const events = s.watch(p, { afterRevision: start });
      const a = await created(s, `${p}a`, 'one');
      await created(s, `${p.slice(0, -1)}-other/a`, 'elsewhere');
      const up = await s.update(`${p}a`, enc('two'), a.modRevision);
      assert.ok(up.ok);
      const del = await s.delete(`${p}a`);
      assert.ok(del.ok);
      const got = await collect(events, 3);
      assert.deepEqual(got.map(summary), [`created ${p}a one`, `updated ${p}a two`, `deleted ${p}a two`]);
      assert.deepEqual(
        got.map((e) => e.revision),
        [a.modRevision, up.revision, del.revision],
      );
      assert.ok(got.every((e) => e.revision === e.kv.modRevision));
      assert.equal(got[0]!.prevKv, undefined);
      assert.equal(dec(got[1]!.prevKv!.value), 'one');
      assert.equal(got[1]!.prevKv!.modRevision, a.modRevision);
      assert.equal(dec(got[2]!.prevKv!.value), 'two');
      assert.equal(got[2]!.kv.createRevision, a.createRevision);
    });

    withStore(
      'a watch from an old revision replays history, then goes on live without gaps or repeats',
      async (s, p) => {
        const start = await s.currentRevision();
        for (let i = 0; i < 20; i++) await created(s, `${p}old${i}`, `old${i}`);
        const events = s.watch(p, { afterRevision: start });
        const writing = (async () => {
          for (let i = 0; i < 20; i++) await created(s, `${p}new${i}`, `new${i}`);
        })();
        const got = await collect(events, 40);
        await writing;
        assert.equal(got.length, 40);
        const values = got.map((e) => dec(e.kv.value));
        assert.deepEqual(values, [
          ...Array.from({ length: 20 }, (_, i) => `old${i}`),
          ...Array.from({ length: 20 }, (_, i) => `new${i}`),
        ]);
        for (let i = 1; i < got.length; i++) assert.ok(got[i]!.revision > got[i - 1]!.revision);
      },
    );

    withStore('a watch from the middle of history starts right after that revision', async (s, p) => {
      const a = await created(s, `${p}a`, 'a');
      const b = await created(s, `${p}b`, 'b');
      const got = await collect(s.watch(p, { afterRevision: a.modRevision }), 1);
      assert.deepEqual(got.map(summary), [`created ${p}b b`]);
      assert.equal(got[0]!.revision, b.modRevision);
    });

    withStore('fifty watchers of one prefix all see the same changes', async (s, p) => {
      const start = await s.currentRevision();
      const streams = Array.from({ length: 50 }, () => collect(s.watch(p, { afterRevision: start }), 10));
      for (let i = 0; i < 10; i++) await created(s, `${p}k${i}`, `v${i}`);
      const results = await Promise.all(streams);
      for (const got of results)
        assert.deepEqual(
          got.map((e) => dec(e.kv.value)),
          results[0]!.map((e) => dec(e.kv.value)),
        );
      assert.equal(results[0]!.length, 10);
    });

    withStore('a watcher that stops reading is caught up later without losing an event', async (s, p) => {
      const n = options.lagEvents ?? 12_000;
      const start = await s.currentRevision();
      const iterator = s.watch(p, { afterRevision: start })[Symbol.asyncIterator]();
      const first = iterator.next();
      const writes: Promise<unknown>[] = [];
      for (let i = 0; i < n; i++) writes.push(s.create(`${p}k${i}`, enc(String(i))));
      await Promise.all(writes);
      const values: string[] = [dec((await first).value!.kv.value)];
      while (values.length < n) {
        const next = await iterator.next();
        assert.ok(!next.done);
        values.push(dec(next.value.kv.value));
      }
      await iterator.return?.();
      assert.equal(new Set(values).size, n);
      assert.deepEqual(
        values.map(Number).sort((x, y) => x - y),
        Array.from({ length: n }, (_, i) => i),
      );
    });

    withStore('a watch ends when its signal aborts', async (s, p) => {
      const controller = new AbortController();
      const events = s.watch(p, { afterRevision: await s.currentRevision(), signal: controller.signal });
      const done = collect(events, 100, 5_000);
      await created(s, `${p}a`, 'a');
      setTimeout(() => controller.abort(), 100);
      const got = await done;
      assert.deepEqual(got.map(summary), [`created ${p}a a`]);
    });

    withStore('closing the store ends its watches', async (s, p) => {
      const events = s.watch(p, { afterRevision: await s.currentRevision() });
      const done = collect(events, 100, 5_000);
      await new Promise((r) => setTimeout(r, 50));
      await s.close();
      assert.deepEqual(await done, []);
    });

    withStore('compaction forgets old revisions but keeps the latest version of every key', async (s, p) => {
      const a = await created(s, `${p}a`, 'a1');
      const b = await created(s, `${p}b`, 'b1');
      const a2 = await s.update(`${p}a`, enc('a2'), a.modRevision);
      assert.ok(a2.ok);
      const gone = await created(s, `${p}gone`, 'x');
      assert.ok((await s.delete(`${p}gone`, gone.modRevision)).ok);
      const head = await s.currentRevision();
      await s.compact(head);
      assert.equal(await s.compactedRevision(), head);
      await assert.rejects(s.get(`${p}a`, { revision: b.modRevision }), CompactedError);
      await assert.rejects(s.list(p, { revision: a.modRevision }), CompactedError);
      await assert.rejects(async () => {
        for await (const _ of s.watch(p, { afterRevision: a.modRevision })) break;
      }, CompactedError);
      assert.deepEqual(
        (await s.list(p)).items.map((kv) => dec(kv.value)),
        ['a2', 'b1'],
      );
      assert.equal(dec((await s.get(`${p}a`, { revision: head }))!.value), 'a2');
      const live = s.watch(p, { afterRevision: head });
      const c = await created(s, `${p}c`, 'c1');
      const got = await collect(live, 1);
      assert.deepEqual(got.map(summary), [`created ${p}c c1`]);
      assert.equal(got[0]!.revision, c.modRevision);
      await s.compact(head);
    });

    withStore('a watch that falls behind a compaction fails with CompactedError', async (s, p) => {
      const start = await s.currentRevision();
      for (let i = 0; i < 3; i++) await created(s, `${p}k${i}`, 'v');
      const iterator = s.watch(p, { afterRevision: start })[Symbol.asyncIterator]();
      await s.compact(await s.currentRevision());
      await assert.rejects(async () => {
        for (let i = 0; i < 3; i++) await iterator.next();
      }, CompactedError);
    });

    withStore('values over 1.5 MiB are refused with a clear error', async (s, p) => {
      const big = new Uint8Array(MAX_VALUE_BYTES + 1);
      await assert.rejects(s.create(`${p}big`, big), (err: Error) => {
        assert.ok(err instanceof ValueTooLargeError);
        assert.match(err.message, /over the limit/);
        return true;
      });
      const ok = await s.create(`${p}fine`, new Uint8Array(1024 * 1024));
      assert.ok(ok.ok);
      await assert.rejects(s.update(`${p}fine`, big, ok.revision), ValueTooLargeError);
      assert.equal(await s.get(`${p}big`), undefined);
    });

    withStore('a key written with a time to live is deleted when it runs out, with a watch event', async (s, p) => {
      const start = await s.currentRevision();
      const events = s.watch(p, { afterRevision: start });
      assert.ok((await s.create(`${p}short`, enc('x'), { ttlSeconds: 1 })).ok);
      const keep = await s.create(`${p}kept`, enc('x'), { ttlSeconds: 1 });
      assert.ok(keep.ok);
      assert.ok((await s.update(`${p}kept`, enc('y'), keep.revision)).ok);
      await eventually(async () => (await s.get(`${p}short`)) === undefined, 15_000, 'the TTL key to expire');
      const got = await collect(events, 4);
      assert.deepEqual(got.map(summary), [
        `created ${p}short x`,
        `created ${p}kept x`,
        `updated ${p}kept y`,
        `deleted ${p}short x`,
      ]);
      assert.equal(dec((await s.get(`${p}kept`))!.value), 'y', 'a write without a TTL makes the key permanent');
    });
  });
}
