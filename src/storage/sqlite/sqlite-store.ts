import type Database from 'better-sqlite3';
import { decodeContinue, encodeContinue } from '../continue-token.js';
import { checkValueSize, readRevision } from '../guards.js';
import { CompactedError, FutureRevisionError, StoreClosedError } from '../errors.js';
import { keyAfter, prefixEnd } from '../key-range.js';
import {
  type GetOptions,
  type KeyValue,
  type ListOptions,
  type ListResult,
  type Store,
  type WatchEvent,
  type WatchOptions,
  type WriteOptions,
  type WriteResult,
} from '../store.js';
import { type EventHistory, WatchHub } from '../watch-hub.js';
import { Compactor, type CompactionPolicy } from './compactor.js';
import { openDatabase } from './schema.js';
import { type EventRow, type LogRow, prepareStatements, type Statements } from './statements.js';

export interface SqliteStoreOptions {
  /** The database file; created with its schema if absent. */
  readonly file: string;
  /** Background compaction (default: every 5 minutes keep the last 1,000 revisions, as kine does). */
  readonly compaction?: Partial<CompactionPolicy>;
  /** How often expired TTL keys are deleted, in ms (default 1,000). */
  readonly leaseSweepMs?: number;
  /** The clock, in ms since the epoch (default Date.now). */
  readonly now?: () => number;
}

/** Where the latest version of a live key is. */
interface LiveVersion {
  readonly id: number;
  readonly createRevision: number;
}

/**
 * The embedded default store: one SQLite file in WAL mode holding a kine-style log (revision = row id).
 * This process is the database's only user and its only writer, so writes need no SQL-level
 * compare-and-swap: JavaScript runs one write at a time, and each commits in one statement. An in-memory
 * map of each live key's latest revision answers the compare-and-swap checks without a query.
 */
export class SqliteStore implements Store, EventHistory {
  private readonly sql: Statements;
  private readonly live = new Map<string, LiveVersion>();
  private revision: number;
  private compacted: number;
  private closed = false;
  private readonly hub: WatchHub;
  private readonly compactor: Compactor;
  private readonly sweeper: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(
    private readonly db: Database.Database,
    options: SqliteStoreOptions,
  ) {
    this.sql = prepareStatements(db);
    this.now = options.now ?? Date.now;
    this.compacted = this.sql.getMeta.get('compacted') ?? 0;
    this.revision = Math.max(this.sql.maxId.get() ?? 0, this.compacted);
    for (const [key, id, createRevision] of this.sql.liveKeys.all()) this.live.set(key, { id, createRevision });
    this.hub = new WatchHub(this, this.revision, () => this.compacted);
    this.compactor = new Compactor(this, db, this.sql, options.compaction);
    this.sweeper = setInterval(() => this.sweepExpired(), options.leaseSweepMs ?? 1_000);
    this.sweeper.unref();
  }

  async get(key: string, options: GetOptions = {}): Promise<KeyValue | undefined> {
    this.checkOpen();
    const at = this.readRevision(options.revision);
    if (at === this.revision) return this.readLive(key);
    const row = this.sql.at.get(key, at);
    return row === undefined || row.deleted ? undefined : toKeyValue(row);
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ListResult> {
    this.checkOpen();
    let start = prefix;
    let at: number;
    if (options.continue !== undefined && options.continue !== '') {
      const c = decodeContinue(options.continue, prefix);
      start = c.start;
      at = this.readRevision(c.revision);
    } else {
      at = this.readRevision(options.revision);
    }
    const end = prefixEnd(prefix);
    const limit = options.limit !== undefined && options.limit > 0 ? options.limit : -1;
    const rows = this.sql.range.all(start, end, at, limit < 0 ? -1 : limit + 1);
    const items: KeyValue[] = [];
    for (const [key, modRevision, createRevision, , value] of rows) {
      if (items.length === limit) break;
      items.push({ key, value, createRevision, modRevision });
    }
    const last = items[items.length - 1];
    if (rows.length <= items.length || last === undefined) return { items, revision: at };
    const next = keyAfter(last.key);
    const remaining = this.sql.count.get(next, end, at) ?? 0;
    return { items, revision: at, continue: encodeContinue({ start: next, revision: at }), remaining };
  }

  async count(prefix: string): Promise<number> {
    this.checkOpen();
    return this.sql.count.get(prefix, prefixEnd(prefix), this.revision) ?? 0;
  }

  async create(key: string, value: Uint8Array, options: WriteOptions = {}): Promise<WriteResult> {
    this.checkWrite(key, value);
    if (this.live.has(key)) return { ok: false, current: this.readLive(key) };
    return this.write(key, value, undefined, options);
  }

  async update(
    key: string,
    value: Uint8Array,
    expectedModRevision: number,
    options: WriteOptions = {},
  ): Promise<WriteResult> {
    this.checkWrite(key, value);
    const current = this.live.get(key);
    if (current === undefined || current.id !== expectedModRevision) return { ok: false, current: this.readLive(key) };
    return this.write(key, value, current, options);
  }

  async delete(key: string, expectedModRevision?: number): Promise<WriteResult> {
    this.checkOpen();
    return this.deleteNow(key, expectedModRevision);
  }

  watch(prefix: string, options: WatchOptions): AsyncIterable<WatchEvent> {
    this.checkOpen();
    return this.hub.watch(prefix, options.afterRevision, options.signal);
  }

  async currentRevision(): Promise<number> {
    this.checkOpen();
    return this.revision;
  }

  async compactedRevision(): Promise<number> {
    this.checkOpen();
    return this.compacted;
  }

  async compact(revision: number): Promise<void> {
    this.checkOpen();
    if (revision > this.revision) throw new FutureRevisionError(revision, this.revision);
    if (revision <= this.compacted) return;
    // Readers must fail from now on, even while the rows are still being removed in steps.
    const from = this.compacted;
    this.compacted = revision;
    await this.compactor.removeHistory(from, revision);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    this.compactor.stop();
    this.hub.close();
    this.db.close();
  }

  readEvents(prefix: string, afterRevision: number, untilRevision: number, limit: number): WatchEvent[] {
    if (afterRevision < this.compacted) throw new CompactedError(afterRevision, this.compacted);
    return this.sql.events.all(afterRevision, untilRevision, prefix, prefixEnd(prefix), limit).map(toEvent);
  }

  /** For the compactor: the latest revision. */
  head(): number {
    return this.revision;
  }

  private readLive(key: string): KeyValue | undefined {
    const live = this.live.get(key);
    const row = live && this.sql.byId.get(live.id);
    return row && toKeyValue(row);
  }

  private write(key: string, value: Uint8Array, current: LiveVersion | undefined, options: WriteOptions): WriteResult {
    const revision = this.revision + 1;
    const createRevision = current?.createRevision ?? revision;
    const expiresAt = options.ttlSeconds !== undefined ? this.now() + options.ttlSeconds * 1000 : null;
    const prevRow = (): LogRow | undefined => current && this.sql.byId.get(current.id);
    this.sql.insert.run(revision, key, 0, createRevision, current?.id ?? 0, expiresAt, value);
    this.revision = revision;
    this.live.set(key, { id: revision, createRevision });
    const kv: KeyValue = { key, value, createRevision, modRevision: revision };
    this.hub.publish(revision, key, () => {
      const prev = prevRow();
      return { type: current ? 'updated' : 'created', revision, kv, prevKv: prev && toKeyValue(prev) };
    });
    return { ok: true, revision, kv };
  }

  private deleteNow(key: string, expectedModRevision: number | undefined): WriteResult {
    const current = this.readLive(key);
    if (current === undefined) return { ok: false, current: undefined };
    if (expectedModRevision !== undefined && current.modRevision !== expectedModRevision) return { ok: false, current };
    const revision = this.revision + 1;
    this.sql.insert.run(revision, key, 1, current.createRevision, current.modRevision, null, EMPTY);
    this.revision = revision;
    this.live.delete(key);
    this.hub.publish(revision, key, () => ({
      type: 'deleted',
      revision,
      kv: { ...current, modRevision: revision },
      prevKv: current,
    }));
    return { ok: true, revision, kv: current };
  }

  private sweepExpired(): void {
    if (this.closed) return;
    for (const { key, id } of this.sql.expired.all(this.now())) this.deleteNow(key, id);
  }

  private readRevision(requested: number | undefined): number {
    return readRevision(requested, this.revision, this.compacted);
  }

  private checkWrite(key: string, value: Uint8Array): void {
    this.checkOpen();
    checkValueSize(key, value);
  }

  private checkOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }
}

const EMPTY = Buffer.alloc(0);

/** Opens the SQLite store in `options.file`. See `openDatabase` for the errors. */
export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  return new SqliteStore(openDatabase(options.file), options);
}

function toKeyValue(row: LogRow): KeyValue {
  return { key: row.key, value: row.value, createRevision: row.create_revision, modRevision: row.id };
}

function toEvent(row: EventRow): WatchEvent {
  const prevKv: KeyValue | undefined =
    row.prev_revision > 0 && row.prev_value !== null
      ? {
          key: row.key,
          value: row.prev_value,
          createRevision: row.prev_create_revision ?? row.create_revision,
          modRevision: row.prev_revision,
        }
      : undefined;
  if (row.deleted) {
    const kv = {
      key: row.key,
      value: prevKv?.value ?? EMPTY,
      createRevision: row.create_revision,
      modRevision: row.id,
    };
    return { type: 'deleted', revision: row.id, kv, prevKv };
  }
  return { type: row.prev_revision > 0 ? 'updated' : 'created', revision: row.id, kv: toKeyValue(row), prevKv };
}
