import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { CorruptStoreError, StorageError, StorageErrorCode } from '../errors.js';

/** "Skif": marks a database file as Skiff's, so a foreign SQLite file is never mistaken for an empty store. */
export const APPLICATION_ID = 0x536b6966;
export const SCHEMA_VERSION = 1;

/**
 * A kine-style log: every write is a row whose id is the revision. A key's versions are its rows; a
 * deletion is a tombstone row. `prev_revision` links a version to the one it replaced, which gives watch
 * events their previous value and lets compaction find superseded rows without scanning by key.
 */
const DDL = `
CREATE TABLE log (
  id              INTEGER PRIMARY KEY,
  key             TEXT    NOT NULL,
  deleted         INTEGER NOT NULL,
  create_revision INTEGER NOT NULL,
  prev_revision   INTEGER NOT NULL,
  expires_at      INTEGER,
  value           BLOB    NOT NULL
);
CREATE INDEX log_key_id ON log (key, id);
CREATE INDEX log_expires_at ON log (expires_at) WHERE expires_at IS NOT NULL;
CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO meta (name, value) VALUES ('compacted', 0);
`;

const SQLITE_HEADER = 'SQLite format 3\u0000';

/**
 * Opens (creating if absent) the database at `file`, checks it is a sound Skiff database, and sets it up
 * for one writer: WAL, an exclusive lock held while open (a second process gets a clear error, never
 * "database is locked" mid-run), a bounded WAL file.
 * @throws CorruptStoreError for a damaged file, a file that is not SQLite, or SQLite that is not Skiff's.
 * @throws StorageError (Unavailable) when another process holds the database.
 */
export function openDatabase(file: string): Database.Database {
  const isNew = !existsSync(file) || statSync(file).size === 0;
  if (!isNew) checkHeader(file);
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    db.pragma('locking_mode = EXCLUSIVE');
    if (isNew) db.pragma('auto_vacuum = INCREMENTAL');
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new StorageError(StorageErrorCode.Corrupt, `cannot put ${file} in WAL mode (${mode})`);
    db.pragma('synchronous = NORMAL');
    // Checkpoints (with their fsync) every 32 MiB of WAL rather than SQLite's 4 MiB: a third more writes per
    // second; journal_size_limit and the compactor's TRUNCATE checkpoint keep the file itself bounded.
    db.pragma('wal_autocheckpoint = 8192');
    db.pragma('journal_size_limit = 67108864');
    db.pragma('cache_size = -32768');
    // No memory-mapped reads (SQLite's default): mapped pages of the file count in the process's resident
    // memory, ~70 MiB at 10,000 pods, while read() leaves them to the kernel's page cache; no slower here.
    db.pragma('mmap_size = 0');
    if (isNew) initialize(db);
    else verify(db, file);
    return db;
  } catch (err) {
    db?.close();
    throw translateOpenError(err, file);
  }
}

function checkHeader(file: string): void {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    if (header.toString('latin1') !== SQLITE_HEADER) {
      throw new CorruptStoreError(
        `${file} is not an SQLite database (it may be damaged or another program's file); ` +
          'Skiff will not overwrite it: move it away or choose another --data-dir',
      );
    }
  } finally {
    closeSync(fd);
  }
}

function initialize(db: Database.Database): void {
  db.transaction(() => {
    db.exec(DDL);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

function verify(db: Database.Database, file: string): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (appId !== APPLICATION_ID) {
    throw new CorruptStoreError(
      `${file} is an SQLite database but not Skiff's (application_id ${appId}); ` +
        'Skiff will not overwrite it: move it away or choose another --data-dir',
    );
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new CorruptStoreError(
      `${file} was written by a newer Skiff (schema ${version}; this one reads ${SCHEMA_VERSION})`,
    );
  }
  const check = db.pragma('quick_check', { simple: true });
  if (check !== 'ok') throw new CorruptStoreError(`${file} is damaged: ${String(check)}`);
}

function translateOpenError(err: unknown, file: string): Error {
  if (err instanceof StorageError) return err;
  const code = (err as { code?: unknown }).code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new StorageError(
      StorageErrorCode.Unavailable,
      `${file} is in use by another process (is another skiff server running with this --data-dir?)`,
      { cause: err, retryable: true },
    );
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new CorruptStoreError(`${file} is damaged: ${(err as Error).message}`, err);
  }
  return err instanceof Error ? err : new Error(String(err));
}
