import type Database from 'better-sqlite3';

/** A row of the log as the store reads it. */
export interface LogRow {
  id: number;
  key: string;
  deleted: number;
  create_revision: number;
  prev_revision: number;
  value: Buffer;
}

/** A log row joined with the version it replaced (for watch events). */
export interface EventRow extends LogRow {
  prev_value: Buffer | null;
  prev_create_revision: number | null;
}

/** A log row to insert: id, key, deleted, create_revision, prev_revision, expires_at, value. */
export type InsertArgs = [number, string, number, number, number, number | null, Buffer | Uint8Array];

/** Every statement the SQLite store runs, prepared once. */
export function prepareStatements(db: Database.Database) {
  return {
    byId: db.prepare<[number], LogRow>(
      'SELECT id, key, deleted, create_revision, prev_revision, value FROM log WHERE id = ?',
    ),
    /** Every live key with its latest revision and create revision (read once, at start). */
    liveKeys: db
      .prepare<[], [string, number, number, number]>(
        'SELECT key, max(id), create_revision, deleted FROM log GROUP BY key HAVING deleted = 0',
      )
      .raw(),
    at: db.prepare<[string, number], LogRow>(
      'SELECT id, key, deleted, create_revision, prev_revision, value FROM log WHERE key = ? AND id <= ? ' +
        'ORDER BY id DESC LIMIT 1',
    ),
    /** The live keys in [from, to) at a revision, in key order; a bare column with max() comes from the max row. */
    range: db
      .prepare<[string, string, number, number], [string, number, number, number, Buffer]>(
        'SELECT key, max(id), create_revision, deleted, value FROM log WHERE key >= ? AND key < ? AND id <= ? ' +
          'GROUP BY key HAVING deleted = 0 LIMIT ?',
      )
      .raw(),
    count: db
      .prepare<[string, string, number], number>(
        'SELECT count(*) FROM (SELECT max(id), deleted FROM log WHERE key >= ? AND key < ? AND id <= ? ' +
          'GROUP BY key HAVING deleted = 0)',
      )
      .pluck(),
    insert: db.prepare<InsertArgs>(
      'INSERT INTO log (id, key, deleted, create_revision, prev_revision, expires_at, value) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    events: db.prepare<[number, number, string, string, number], EventRow>(
      'SELECT l.id, l.key, l.deleted, l.create_revision, l.prev_revision, l.value, ' +
        'p.value AS prev_value, p.create_revision AS prev_create_revision ' +
        'FROM log l LEFT JOIN log p ON p.id = l.prev_revision ' +
        'WHERE l.id > ? AND l.id <= ? AND l.key >= ? AND l.key < ? ORDER BY l.id LIMIT ?',
    ),
    /** Live keys whose latest version has expired. */
    expired: db.prepare<[number], { key: string; id: number }>(
      'SELECT key, id FROM log AS l WHERE expires_at <= ? AND deleted = 0 ' +
        'AND NOT EXISTS (SELECT 1 FROM log AS n WHERE n.key = l.key AND n.id > l.id)',
    ),
    maxId: db.prepare<[], number | null>('SELECT max(id) FROM log').pluck(),
    getMeta: db.prepare<[string], number | undefined>('SELECT value FROM meta WHERE name = ?').pluck(),
    setMeta: db.prepare<[string, number]>(
      'INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
    ),
    /** Versions replaced by a write in (from, to]: history compaction may drop. */
    deleteSuperseded: db.prepare<[number, number]>(
      'DELETE FROM log WHERE id IN (SELECT prev_revision FROM log WHERE id > ? AND id <= ? AND prev_revision > 0)',
    ),
    deleteTombstones: db.prepare<[number, number]>('DELETE FROM log WHERE deleted = 1 AND id > ? AND id <= ?'),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
