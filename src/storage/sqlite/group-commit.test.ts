import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { WatchEvent, WriteResult } from '../store.js';
import { openDatabase } from './schema.js';
import { temporaryDatabase } from './temporary-database.js';
import { openSqliteStore, SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/**
 * How many transactions the WAL file holds: a frame whose header carries the database size ends a commit.
 * Read from the file itself, so it counts what SQLite did, not what the store says it did. Frames left from
 * before the WAL was last reset carry other salts and end the count.
 */
function walCommits(file: string): number {
  const wal = readFileSync(`${file}-wal`);
  if (wal.length < 32) return 0;
  const pageSize = wal.readUInt32BE(8);
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  let commits = 0;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    if (wal.readUInt32BE(at + 8) !== salt1 || wal.readUInt32BE(at + 12) !== salt2) break;
    if (wal.readUInt32BE(at + 4) !== 0) commits++;
  }
  return commits;
}

/** A store on a database the test first changes with `sql` (triggers that make chosen writes fail). */
function openWith(file: string, sql: string, options: Partial<SqliteStoreOptions> = {}): SqliteStore {
  const db = openDatabase(file);
  db.exec(sql);
  return new SqliteStore(db, { file, ...options });
}

async function take(events: AsyncIterable<WatchEvent>, n: number, onEach?: () => void): Promise<WatchEvent[]> {
  const out: WatchEvent[] = [];
  for await (const event of events) {
    onEach?.();
    out.push(event);
    if (out.length === n) break;
  }
  return out;
}

const ok = (r: WriteResult): Extract<WriteResult, { ok: true }> => {
  assert.ok(r.ok, 'the write succeeded');
  return r;
};

describe('sqlite group commit', () => {
  const db = temporaryDatabase();

  test('writes issued in one turn share one transaction, and each resolves only after its COMMIT', async () => {
    const store = openSqliteStore({ file: db.file });
    try {
      ok(await store.create('/warm', enc('x')));
      const before = walCommits(db.file);
      let commitsWhenFirstResolved = -1;
      const writes = Array.from({ length: 50 }, (_, i) => store.create(`/turn/k${i}`, enc(String(i))));
      void writes[0]!.then(() => (commitsWhenFirstResolved = walCommits(db.file)));
      assert.equal(walCommits(db.file), before, 'nothing is committed while the turn runs');
      const results = (await Promise.all(writes)).map(ok);
      assert.equal(walCommits(db.file), before + 1, 'fifty writes, one commit');
      assert.equal(commitsWhenFirstResolved, before + 1, 'the first write resolved after the commit');
      assert.deepEqual(
        results.map((r) => r.revision - results[0]!.revision),
        Array.from({ length: 50 }, (_, i) => i),
      );
    } finally {
      await store.close();
    }
  });

  test('a batch that reaches its cap commits at once, without waiting for the turn to end', async () => {
    const store = openSqliteStore({ file: db.file, maxBatchWrites: 4 });
    try {
      ok(await store.create('/warm', enc('x')));
      const before = walCommits(db.file);
      const writes = Array.from({ length: 10 }, (_, i) => store.create(`/cap/k${i}`, enc(String(i))));
      assert.equal(walCommits(db.file), before + 2, 'two full batches committed during the turn');
      (await Promise.all(writes)).forEach(ok);
      assert.equal(walCommits(db.file), before + 3, 'the last two writes committed after the turn');
    } finally {
      await store.close();
    }
  });

  test('writes in one batch see the earlier writes of that batch', async () => {
    const store = openSqliteStore({ file: db.file });
    try {
      const head = await store.currentRevision();
      const before = walCommits(db.file);
      let commitsWhenMissResolved = -1;
      const created = store.create('/same/a', enc('one'));
      const exists = store.create('/same/a', enc('again'));
      void exists.then(() => (commitsWhenMissResolved = walCommits(db.file)));
      const updated = store.update('/same/a', enc('two'), head + 1);
      const stale = store.update('/same/a', enc('stale'), head + 1);
      const deleted = store.delete('/same/a', head + 2);
      const reborn = store.create('/same/a', enc('three'));
      const [c, e, u, s, d, r] = await Promise.all([created, exists, updated, stale, deleted, reborn]);
      assert.equal(ok(c!).revision, head + 1);
      assert.ok(
        !e!.ok && e!.current !== undefined && dec(e!.current.value) === 'one',
        'create of a key the batch made',
      );
      assert.equal(commitsWhenMissResolved, before + 1, 'a miss on an uncommitted write is told after the commit');
      assert.deepEqual(ok(u!).kv.createRevision, head + 1);
      assert.ok(!s!.ok && s!.current?.modRevision === head + 2, 'a stale update misses against the batch');
      assert.equal(dec(ok(d!).kv.value), 'two', 'the tombstone removes the version the batch wrote');
      assert.equal(ok(r!).kv.createRevision, head + 4, 'a key deleted and made again gets a new create revision');
      assert.equal(walCommits(db.file), before + 1);
      assert.equal(dec((await store.get('/same/a'))!.value), 'three');
    } finally {
      await store.close();
    }
  });

  test('readers see only committed writes', async () => {
    const store = openSqliteStore({ file: db.file });
    try {
      const first = ok(await store.create('/read/a', enc('one')));
      const pendingUpdate = store.update('/read/a', enc('two'), first.revision);
      const pendingCreate = store.create('/read/b', enc('b'));
      assert.equal(await store.currentRevision(), first.revision);
      assert.equal(dec((await store.get('/read/a'))!.value), 'one');
      assert.equal(await store.get('/read/b'), undefined);
      assert.deepEqual(
        (await store.list('/read/')).items.map((kv) => dec(kv.value)),
        ['one'],
      );
      assert.equal(await store.count('/read/'), 1);
      ok(await pendingUpdate);
      ok(await pendingCreate);
      assert.equal(dec((await store.get('/read/a'))!.value), 'two');
      assert.equal(await store.count('/read/'), 2);
    } finally {
      await store.close();
    }
  });

  test('the events of a batch reach watchers after its COMMIT, in revision order', async () => {
    const store = openSqliteStore({ file: db.file });
    try {
      ok(await store.create('/warm', enc('x')));
      const before = walCommits(db.file);
      const commitsSeen: number[] = [];
      const events = take(store.watch('/events/', { afterRevision: await store.currentRevision() }), 20, () =>
        commitsSeen.push(walCommits(db.file)),
      );
      const writes = Array.from({ length: 20 }, (_, i) => store.create(`/events/k${i}`, enc(String(i))));
      const results = (await Promise.all(writes)).map(ok);
      const got = await events;
      assert.deepEqual(
        got.map((e) => e.revision),
        results.map((r) => r.revision),
      );
      assert.ok(
        commitsSeen.every((n) => n === before + 1),
        `commits seen at each event: ${commitsSeen.join(',')}`,
      );
    } finally {
      await store.close();
    }
  });

  const failures = [
    {
      name: 'an insert fails and the transaction stays open',
      sql: "CREATE TRIGGER poison BEFORE INSERT ON log WHEN NEW.key = '/poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END;",
      error: /poisoned/,
    },
    {
      name: 'an insert fails and SQLite rolls the transaction back itself',
      sql: "CREATE TRIGGER poison BEFORE INSERT ON log WHEN NEW.key = '/poison' BEGIN SELECT RAISE(ROLLBACK, 'poisoned'); END;",
      error: /poisoned/,
    },
    {
      name: 'the COMMIT fails',
      sql:
        'PRAGMA foreign_keys = ON; CREATE TABLE parent (id INTEGER PRIMARY KEY); ' +
        'CREATE TABLE child (parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED); ' +
        "CREATE TRIGGER poison AFTER INSERT ON log WHEN NEW.key = '/poison' BEGIN INSERT INTO child VALUES (42); END;",
      error: /FOREIGN KEY constraint failed/,
    },
  ];
  for (const failure of failures) {
    test(`when ${failure.name}, every write of the batch fails, nothing of it remains, and the store goes on`, async () => {
      let store = openWith(db.file, failure.sql);
      try {
        const x = ok(await store.create('/fail/x', enc('x1')));
        ok(await store.create('/fail/y', enc('y1')));
        const head = await store.currentRevision();
        const watched = take(store.watch('/fail/', { afterRevision: head }), 2);
        const outcomes = await Promise.allSettled([
          store.create('/fail/a', enc('a')),
          store.update('/fail/x', enc('x2'), x.revision),
          store.delete('/fail/y'),
          store.create('/poison', enc('p')),
        ]);
        for (const outcome of outcomes) {
          assert.equal(outcome.status, 'rejected');
          assert.match(String((outcome as PromiseRejectedResult).reason), failure.error);
        }
        assert.equal(await store.currentRevision(), head, 'the revision is back where it was');
        assert.equal(await store.get('/fail/a'), undefined);
        assert.equal(dec((await store.get('/fail/x'))!.value), 'x1');
        assert.ok(await store.get('/fail/y'));
        assert.equal(ok(await store.create('/fail/b', enc('b'))).revision, head + 1, 'revisions are not skipped');
        ok(await store.update('/fail/x', enc('x3'), x.revision));
        assert.deepEqual(
          (await watched).map((e) => `${e.type} ${e.kv.key} ${dec(e.kv.value)}`),
          ['created /fail/b b', 'updated /fail/x x3'],
          'watchers never saw the failed batch',
        );
      } finally {
        await store.close();
      }
      store = openSqliteStore({ file: db.file });
      try {
        assert.deepEqual(
          (await store.list('/fail/')).items.map((kv) => `${kv.key} ${dec(kv.value)}`),
          ['/fail/b b', '/fail/x x3', '/fail/y y1'],
          'the db.file holds nothing of the failed batch',
        );
      } finally {
        await store.close();
      }
    });
  }

  test('a miss that rested on a failed batch is decided again after the rollback', async () => {
    const store = openWith(db.file, failures[0]!.sql);
    try {
      const first = store.create('/redo/k', enc('first'));
      const second = store.create('/redo/k', enc('second'));
      const poison = store.create('/poison', enc('p'));
      await assert.rejects(first, /poisoned/);
      await assert.rejects(poison, /poisoned/);
      const again = ok(await second);
      assert.equal(dec(again.kv.value), 'second');
      assert.equal(dec((await store.get('/redo/k'))!.value), 'second');
    } finally {
      await store.close();
    }
  });

  test('closing the store with a batch open commits the batch first', async () => {
    let store = openSqliteStore({ file: db.file });
    const writes = Array.from({ length: 30 }, (_, i) => store.create(`/close/k${i}`, enc(String(i))));
    await store.close();
    const results = (await Promise.all(writes)).map(ok);
    store = openSqliteStore({ file: db.file });
    try {
      for (const [i, r] of results.entries()) {
        const kv = await store.get(`/close/k${i}`);
        assert.equal(kv?.modRevision, r.revision);
        assert.equal(dec(kv.value), String(i));
      }
    } finally {
      await store.close();
    }
  });

  test('compaction with a batch open commits the batch before its own transactions and checkpoint', async () => {
    const store = openSqliteStore({ file: db.file, compaction: { intervalMs: 0 } });
    try {
      const a = ok(await store.create('/compact/a', enc('a1')));
      ok(await store.update('/compact/a', enc('a2'), a.revision));
      const pending = Array.from({ length: 10 }, (_, i) => store.create(`/compact/k${i}`, enc(String(i))));
      await store.compact(await store.currentRevision());
      assert.ok(
        existsSync(`${db.file}-wal`) && statSync(`${db.file}-wal`).size === 0,
        'the checkpoint truncated the WAL',
      );
      (await Promise.all(pending)).forEach(ok);
      assert.equal(await store.count('/compact/'), 11);
    } finally {
      await store.close();
    }
  });
});
