/**
 * `npm run bench -- store [memory|sqlite|etcd …]`: each backend's create, compare-and-swap update, get,
 * list of a 10,000-key prefix (1 KiB values) and watch delivery latency with 100 watchers, plus in the same
 * run the raw baselines: plain better-sqlite3 single-row insert transactions and plain etcd3 puts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Etcd3 } from 'etcd3';
import { openEtcdStore } from '../src/storage/etcd/etcd-store.js';
import { MemoryStore } from '../src/storage/memory/memory-store.js';
import { openSqliteStore } from '../src/storage/sqlite/sqlite-store.js';
import type { Store } from '../src/storage/store.js';
import { startEtcd } from '../test/support/etcd-process.js';
import { nowMs, percentile, type Figure } from './report.js';

const VALUE = new Uint8Array(1024).fill(120);
const LIST_KEYS = 10_000;
const WATCHERS = Number(process.env.SKIFF_BENCH_WATCHERS ?? 100);

interface Sizes {
  /** Sequential operations per write/read case. */
  readonly ops: number;
  /** Writes observed by the watchers. */
  readonly watchWrites: number;
}

const SIZES: Record<string, Sizes> = {
  memory: { ops: 100_000, watchWrites: 1_000 },
  sqlite: { ops: 10_000, watchWrites: 1_000 },
  etcd: { ops: 1_500, watchWrites: 300 },
};

export async function storeBench(args: string[]): Promise<Figure[]> {
  const backends = args.length > 0 ? args : ['memory', 'sqlite', 'etcd'];
  const figures: Figure[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'skiff-bench-'));
  const fig = (c: string, metric: string, value: number): void => {
    figures.push({ bench: 'store', case: c, metric, value: Math.round(value * 100) / 100 });
  };
  try {
    for (const backend of backends) {
      const sizes = SIZES[backend];
      if (sizes === undefined) throw new Error(`unknown backend ${backend}: memory, sqlite or etcd`);
      process.stderr.write(`store bench: ${backend}\n`);
      if (backend === 'memory') {
        await measureStore('memory', new MemoryStore(), sizes, fig);
      } else if (backend === 'sqlite') {
        const raw = rawSqliteInserts(join(dir, 'raw.db'), sizes.ops);
        fig('sqlite-raw/insert', 'ops_per_s', raw);
        const result = await measureStore('sqlite', openSqliteStore({ file: join(dir, 'state.db') }), sizes, fig);
        fig('sqlite/create_vs_raw', 'percent', (100 * result.create) / raw);
        fig('sqlite/update_vs_raw', 'percent', (100 * result.update) / raw);
      } else {
        const etcd = await startEtcd();
        try {
          fig('etcd-raw/put', 'ops_per_s', await rawEtcdPuts(etcd.endpoint, sizes.ops));
          await measureStore('etcd', await openEtcdStore({ endpoints: [etcd.endpoint] }), sizes, fig);
          fig('etcd-raw/range_10k', 'median_ms', await rawEtcdRange(etcd.endpoint));
        } finally {
          await etcd.stop();
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

async function measureStore(
  name: string,
  store: Store,
  sizes: Sizes,
  fig: (c: string, metric: string, value: number) => void,
): Promise<{ create: number; update: number }> {
  try {
    const keys = Array.from({ length: sizes.ops }, (_, i) => `/bench/ops/k${String(i).padStart(7, '0')}`);
    const revisions: number[] = [];
    let t = nowMs();
    for (const key of keys) {
      const r = await store.create(key, VALUE);
      if (!r.ok) throw new Error(`create ${key} missed`);
      revisions.push(r.revision);
    }
    const create = (sizes.ops * 1000) / (nowMs() - t);
    fig(`${name}/create`, 'ops_per_s', create);

    t = nowMs();
    for (let i = 0; i < keys.length; i++) {
      const r = await store.update(keys[i]!, VALUE, revisions[i]!);
      if (!r.ok) throw new Error(`update ${keys[i]} missed`);
    }
    const update = (sizes.ops * 1000) / (nowMs() - t);
    fig(`${name}/update`, 'ops_per_s', update);

    t = nowMs();
    for (const key of keys) if ((await store.get(key)) === undefined) throw new Error(`get ${key} missing`);
    fig(`${name}/get`, 'ops_per_s', (sizes.ops * 1000) / (nowMs() - t));

    t = nowMs();
    const inFlight = 64;
    const concurrentKeys = keys.map((k) => k.replace('/ops/', '/ops64/'));
    for (let i = 0; i < concurrentKeys.length; i += inFlight) {
      await Promise.all(concurrentKeys.slice(i, i + inFlight).map((k) => store.create(k, VALUE)));
    }
    fig(`${name}/create_64_in_flight`, 'ops_per_s', (sizes.ops * 1000) / (nowMs() - t));

    for (let i = 0; i < LIST_KEYS; i += inFlight) {
      await Promise.all(
        Array.from({ length: Math.min(inFlight, LIST_KEYS - i) }, (_, j) =>
          store.create(`/bench/list/k${String(i + j).padStart(6, '0')}`, VALUE),
        ),
      );
    }
    const listTimes: number[] = [];
    for (let i = 0; i < 9; i++) {
      collectGarbage();
      t = nowMs();
      const result = await store.list('/bench/list/');
      listTimes.push(nowMs() - t);
      if (result.items.length !== LIST_KEYS) throw new Error(`list returned ${result.items.length} keys`);
    }
    fig(`${name}/list_10k`, 'median_ms', percentile(listTimes, 50));
    t = nowMs();
    let pages = 0;
    let token: string | undefined;
    do {
      const page: Awaited<ReturnType<Store['list']>> = await store.list('/bench/list/', {
        limit: 500,
        continue: token,
      });
      token = page.continue;
      pages++;
    } while (token !== undefined);
    fig(`${name}/list_10k_pages_of_500`, 'ms', nowMs() - t);
    if (pages !== LIST_KEYS / 500) throw new Error(`paged list took ${pages} pages`);

    const latencies = await watchLatencies(store, sizes.watchWrites);
    fig(`${name}/watch_100_watchers`, 'p50_ms', percentile(latencies, 50));
    fig(`${name}/watch_100_watchers`, 'p99_ms', percentile(latencies, 99));
    return { create, update };
  } finally {
    await store.close();
  }
}

/** Starts a measurement without the garbage of the previous ones (when node runs with --expose-gc). */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Per delivered event, ms from the start of the write to its arrival at each of 100 watchers. */
async function watchLatencies(store: Store, writes: number): Promise<number[]> {
  const started = new Map<string, number>();
  const latencies: number[] = [];
  const from = await store.currentRevision();
  const controller = new AbortController();
  const watchers = Array.from({ length: WATCHERS }, async () => {
    let seen = 0;
    for await (const event of store.watch('/bench/watch/', { afterRevision: from, signal: controller.signal })) {
      latencies.push(nowMs() - started.get(event.kv.key)!);
      if (++seen === writes) return;
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (let i = 0; i < writes; i++) {
    const key = `/bench/watch/k${i}`;
    started.set(key, nowMs());
    await store.create(key, VALUE);
    if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const timeout = setTimeout(() => controller.abort(), 30_000);
  await Promise.all(watchers);
  clearTimeout(timeout);
  if (latencies.length !== writes * WATCHERS)
    throw new Error(`watchers saw ${latencies.length} of ${writes * WATCHERS}`);
  return latencies;
}

/** Plain better-sqlite3: single-row insert transactions of 1 KiB values, WAL, synchronous=NORMAL (as the store). */
export function rawSqliteInserts(file: string, n: number): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, key TEXT NOT NULL, value BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO t (key, value) VALUES (?, ?)');
  const one = db.transaction((key: string) => insert.run(key, VALUE));
  const t = nowMs();
  for (let i = 0; i < n; i++) one(`/bench/raw/k${String(i).padStart(7, '0')}`);
  const rate = (n * 1000) / (nowMs() - t);
  db.close();
  return rate;
}

/** Plain etcd3 range of the 10,000-key list prefix (the store's list above wrote it): etcd's own floor. */
async function rawEtcdRange(endpoint: string): Promise<number> {
  const client = new Etcd3({ hosts: endpoint, grpcOptions: { 'grpc.max_receive_message_length': -1 } });
  try {
    const times: number[] = [];
    for (let i = 0; i < 9; i++) {
      collectGarbage();
      const t = nowMs();
      const kvs = await client.getAll().prefix('/bench/list/').buffers();
      times.push(nowMs() - t);
      if (Object.keys(kvs).length !== LIST_KEYS) throw new Error(`raw range returned ${Object.keys(kvs).length} keys`);
    }
    return percentile(times, 50);
  } finally {
    client.close();
  }
}

/** Plain etcd3 puts, one at a time. */
async function rawEtcdPuts(endpoint: string, n: number): Promise<number> {
  const client = new Etcd3({ hosts: endpoint });
  try {
    const t = nowMs();
    for (let i = 0; i < n; i++) await client.put(`/bench/raw/k${i}`).value(Buffer.from(VALUE));
    return (n * 1000) / (nowMs() - t);
  } finally {
    client.close();
  }
}
