import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { CorruptStoreError, StorageError } from '../errors.js';
import { temporaryDatabase } from './temporary-database.js';
import { openSqliteStore } from './sqlite-store.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const child = fileURLToPath(new URL('./durability-child.js', import.meta.url));

describe('sqlite durability', () => {
  const db = temporaryDatabase();

  test('every acknowledged write survives kill -9 of the writing process', async () => {
    const proc = spawn(process.execPath, [child, db.file], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acknowledged: string[] = [];
    let buffered = '';
    await new Promise<void>((resolve, reject) => {
      proc.on('error', reject);
      proc.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}`))));
      proc.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        acknowledged.push(...lines);
        if (acknowledged.length >= 2_000) proc.kill('SIGKILL');
      });
    });
    assert.ok(acknowledged.length >= 2_000);
    const store = openSqliteStore({ file: db.file });
    try {
      for (const line of acknowledged) {
        const [key, revision] = line.split(' ');
        const kv = await store.get(key!);
        assert.ok(kv, `${key} was acknowledged but is missing after kill -9`);
        assert.equal(kv.modRevision, Number(revision));
      }
      const next = await store.create('/durability/after', enc('x'));
      assert.ok(next.ok);
      assert.ok(next.revision > Number(acknowledged[acknowledged.length - 1]!.split(' ')[1]));
    } finally {
      await store.close();
    }
  });

  test('data and revisions carry over a clean restart', async () => {
    let store = openSqliteStore({ file: db.file });
    const a = await store.create('/r/a', enc('a'));
    assert.ok(a.ok);
    assert.ok((await store.update('/r/a', enc('a2'), a.revision)).ok);
    const head = await store.currentRevision();
    await store.close();
    store = openSqliteStore({ file: db.file });
    try {
      assert.equal(await store.currentRevision(), head);
      assert.equal(new TextDecoder().decode((await store.get('/r/a'))!.value), 'a2');
      assert.equal(new TextDecoder().decode((await store.get('/r/a', { revision: a.revision }))!.value), 'a');
    } finally {
      await store.close();
    }
  });

  test('a db.file that is not a database is refused with a clear error and left untouched', () => {
    const junk = Buffer.from('this is not a database, it is somebody else’s notes\n'.repeat(100));
    writeFileSync(db.file, junk);
    assert.throws(
      () => openSqliteStore({ file: db.file }),
      (err: Error) => {
        assert.ok(err instanceof CorruptStoreError);
        assert.match(err.message, /is not an SQLite database/);
        return true;
      },
    );
    assert.deepEqual(readFileSync(db.file), junk);
  });

  test('another program’s SQLite database is refused, not reset', () => {
    const other = new Database(db.file);
    other.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')");
    other.close();
    assert.throws(() => openSqliteStore({ file: db.file }), /is an SQLite database but not Skiff's/);
    const again = new Database(db.file, { readonly: true });
    assert.deepEqual(again.prepare('SELECT body FROM notes').pluck().all(), ['keep me']);
    again.close();
  });

  test('a damaged database is refused with a clear error', async () => {
    const store = openSqliteStore({ file: db.file });
    for (let i = 0; i < 300; i++) await store.create(`/d/k${i}`, new Uint8Array(1024).fill(7));
    await store.close();
    const bytes = readFileSync(db.file);
    bytes.fill(0xa5, 4096 * 2, bytes.length - 4096);
    writeFileSync(db.file, bytes);
    assert.throws(
      () => openSqliteStore({ file: db.file }),
      (err: Error) => {
        assert.ok(err instanceof CorruptStoreError, String(err));
        assert.match(err.message, /damaged/);
        return true;
      },
    );
  });

  test('a second process cannot open a database in use; the first keeps working', async () => {
    const store = openSqliteStore({ file: db.file });
    try {
      assert.ok((await store.create('/lock/a', enc('a'))).ok);
      const other = spawn(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import { openSqliteStore } from ${JSON.stringify(new URL('./sqlite-store.js', import.meta.url).href)};
           try { openSqliteStore({ file: ${JSON.stringify(db.file)} }); console.log('opened'); }
           catch (err) { console.log(err.constructor.name + ': ' + err.message); }`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let out = '';
      other.stdout.on('data', (c: Buffer) => (out += c.toString()));
      await new Promise((resolve) => other.on('exit', resolve));
      assert.match(out, /StorageError: .* is in use by another process/);
      assert.ok((await store.create('/lock/b', enc('b'))).ok);
    } finally {
      await store.close();
    }
    assert.ok(StorageError);
  });
});
