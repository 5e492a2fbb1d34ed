import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { WatchEvent } from '../store.js';
import { temporaryDatabase } from './temporary-database.js';
import { openSqliteStore } from './sqlite-store.js';

const sizeOf = (f: string): number => (existsSync(f) ? statSync(f).size : 0);

describe('sqlite under sustained load', () => {
  const db = temporaryDatabase();

  test('background compaction keeps the database and its WAL bounded under endless updates', async () => {
    const store = openSqliteStore({ file: db.file, compaction: { intervalMs: 50, retainRevisions: 200 } });
    const value = new Uint8Array(1024).fill(1);
    const keys = Array.from({ length: 200 }, (_, i) => `/bounded/k${i}`);
    const revisions = new Map<string, number>();
    const sizes: number[] = [];
    try {
      for (const key of keys) {
        const r = await store.create(key, value);
        assert.ok(r.ok);
        revisions.set(key, r.revision);
      }
      for (let round = 0; round < 60; round++) {
        for (const key of keys) {
          const r = await store.update(key, value, revisions.get(key)!);
          assert.ok(r.ok);
          revisions.set(key, r.revision);
        }
        await new Promise((resolve) => setTimeout(resolve, 60));
        sizes.push(sizeOf(db.file) + sizeOf(`${db.file}-wal`));
      }
      assert.ok((await store.compactedRevision()) > 10_000, 'compaction ran');
      const written = 200 * 61 * 1024;
      const last = sizes[sizes.length - 1]!;
      assert.ok(last < written / 3, `db+wal ${last} bytes after writing ${written} bytes of values`);
      assert.ok(last <= Math.max(...sizes.slice(10, 20)) * 1.5, `size keeps growing: ${sizes.join(',')}`);
      assert.equal((await store.list('/bounded/')).items.length, 200);
    } finally {
      await store.close();
    }
  });

  test('concurrent writers, readers and watchers all succeed: no "database is locked"', async () => {
    const store = openSqliteStore({ file: db.file });
    try {
      const start = await store.currentRevision();
      const seen: WatchEvent[][] = Array.from({ length: 10 }, () => []);
      const watching = seen.map(async (out) => {
        for await (const event of store.watch('/busy/', { afterRevision: start })) {
          out.push(event);
          if (out.length === 2_000) return;
        }
      });
      const ops: Promise<unknown>[] = [];
      for (let i = 0; i < 1_000; i++) {
        const key = `/busy/k${i}`;
        ops.push(
          store.create(key, new Uint8Array(512)).then(async (r) => {
            assert.ok(r.ok);
            const u = await store.update(key, new Uint8Array(256), r.revision);
            assert.ok(u.ok);
          }),
        );
        if (i % 10 === 0) ops.push(store.list('/busy/', { limit: 50 }), store.count('/busy/'), store.get(key));
      }
      await Promise.all(ops);
      await Promise.all(watching);
      for (const events of seen) {
        assert.equal(events.length, 2_000);
        for (let i = 1; i < events.length; i++) assert.ok(events[i]!.revision > events[i - 1]!.revision);
      }
    } finally {
      await store.close();
    }
  });
});
