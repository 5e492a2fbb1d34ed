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
import { type Batch, GroupCommit, type LiveVersion, type WriteDone } from './group-commit.js';
import { openDatabase } from './schema.js';
import { type EventRow, type InsertArgs, type LogRow, prepareStatements, type Statements } from './statements.js';

export interface SqliteStoreOptions {
  /** The database file; created with its schema if absent. */
  readonly file: string;
  /** Background compaction (default: every 5 minutes keep the last 1,000 revisions, as kine does). */
  readonly compaction?: Partial<CompactionPolicy>;
  /** How often expired TTL keys are deleted, in ms (default 1,000). */
  readonly leaseSweepMs?: number;
  /** The clock, in ms since the epoch (default Date.now). */
  readonly now?: () => number;
  /** Writes per transaction at most (default 256); 1 commits each write on its own, before its call returns. */
  readonly maxBatchWrites?: number;
}

/**
 * The embedded default store: one SQLite file in WAL mode holding a kine-style log (revision = row id).
 * This process is the database's only user and its only writer, so writes need no SQL-level
 * compare-and-swap: JavaScript runs one write at a time. An in-memory map of each live key's latest
 * revision answers the compare-and-swap checks without a query.
 *
 * Writes are group-committed (see GroupCommit): the writes of one turn of the event loop share one
 * transaction, since a COMMIT costs more than the insert it ends. A write changes the memory at once, so
 * later writes check against it, but its caller hears of it only after COMMIT, and so do watchers and
 * readers: reads look at the latest committed revision, which a batch's rows (all above it) cannot touch.
 * A batch that fails is rolled back, memory and all, as if none of its writes had been made.
 */
export class SqliteStore implements Store, EventHistory {
  private readonly sql: Statements;
  /** Each live key's latest version, uncommitted writes included. */
  private readonly live = new Map<string, LiveVersion>();
  /** The revision of the last write, committed or not. */
  private revision: number;
  /** The revision of the last committed write: what readers see. */
  private committed: number;
  private compacted: number;
  private closed = false;
  private readonly hub: WatchHub;
  private readonly compactor: Compactor;
  private readonly sweeper: NodeJS.Timeout;
  private readonly now: () => number;
  private readonly batches: GroupCommit;

  constructor(
    private readonly db: Database.Database,
    options: SqliteStoreOptions,
  ) {
    this.sql = prepareStatements(db);
    this.now = options.now ?? Date.now;
    this.compacted = this.sql.getMeta.get('compacted') ?? 0;
    this.revision = Math.max(this.sql.maxId.get() ?? 0, this.compacted);
    this.committed = this.revision;
    for (const [key, id, createRevision] of this.sql.liveKeys.all()) this.live.set(key, { id, createRevision });
    this.hub = new WatchHub(this, this.revision, () => this.compacted);
    this.batches = new GroupCommit(
      db,
      {
        committed: (batch) => this.batchCommitted(batch),
        rolledBack: (batch, err) => this.batchRolledBack(batch, err),
      },
      options.maxBatchWrites ?? DEFAULT_MAX_BATCH_WRITES,
    );
    this.compactor = new Compactor(this, db, this.sql, options.compaction);
    this.sweeper = setInterval(() => this.sweepExpired(), options.leaseSweepMs ?? 1_000);
    this.sweeper.unref();
  }

  async get(key: string, options: GetOptions = {}): Promise<KeyValue | undefined> {
    this.checkOpen();
    const at = this.readRevision(options.revision);
    if (at === this.committed) return this.readCommitted(key);
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
    return this.sql.count.get(prefix, prefixEnd(prefix), this.committed) ?? 0;
  }

  async create(key: string, value: Uint8Array, options: WriteOptions = {}): Promise<WriteResult> {
    this.checkWrite(key, value);
    if (this.live.has(key)) return this.miss(key, () => this.create(key, value, options));
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
    if (current === undefined || current.id !== expectedModRevision) {
      return this.miss(key, () => this.update(key, value, expectedModRevision, options));
    }
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
    return this.committed;
  }

  async compactedRevision(): Promise<number> {
    this.checkOpen();
    return this.compacted;
  }

  async compact(revision: number): Promise<void> {
    this.checkOpen();
    if (revision > this.committed) throw new FutureRevisionError(revision, this.committed);
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
    // Writes already made must not be lost: they commit (or fail, and their callers hear so) first.
    this.batches.flush();
    this.hub.close();
    this.db.close();
  }

  /** Needs no flush: `untilRevision` is never past the committed revision, and a batch's rows all are. */
  readEvents(prefix: string, afterRevision: number, untilRevision: number, limit: number): WatchEvent[] {
    if (afterRevision < this.compacted) throw new CompactedError(afterRevision, this.compacted);
    return this.sql.events.all(afterRevision, untilRevision, prefix, prefixEnd(prefix), limit).map(toEvent);
  }

  /** For the compactor: the latest committed revision. */
  head(): number {
    return this.committed;
  }

  /** For the compactor: commits the open write batch now, so that its own work never runs inside one. */
  flush(): void {
    this.batches.flush();
  }

  /** The key's latest version, uncommitted writes included: what writes check against. */
  private readLive(key: string): KeyValue | undefined {
    return this.readVersion(this.live.get(key));
  }

  /** The key's latest committed version: what readers see. */
  private readCommitted(key: string): KeyValue | undefined {
    const before = this.batches.open?.before;
    return this.readVersion(before?.has(key) ? before.get(key) : this.live.get(key));
  }

  private readVersion(version: LiveVersion | undefined): KeyValue | undefined {
    const row = version && this.sql.byId.get(version.id);
    return row && toKeyValue(row);
  }

  /**
   * A guard's miss. When the open batch wrote the key, the miss rests on writes not yet committed, and its
   * `current` may be one of them: the caller hears of it only after COMMIT, and if the batch is rolled back
   * the call is made again by `redo`.
   */
  private miss(key: string, redo: () => Promise<WriteResult>): WriteResult | Promise<WriteResult> {
    const result: WriteResult = { ok: false, current: this.readLive(key) };
    const batch = this.batches.open;
    return batch?.before.has(key) ? batch.hold(result, redo) : result;
  }

  private write(
    key: string,
    value: Uint8Array,
    current: LiveVersion | undefined,
    options: WriteOptions,
  ): Promise<WriteResult> {
    const revision = this.revision + 1;
    const createRevision = current?.createRevision ?? revision;
    const expiresAt = options.ttlSeconds !== undefined ? this.now() + options.ttlSeconds * 1000 : null;
    const kv: KeyValue = { key, value, createRevision, modRevision: revision };
    const row: InsertArgs = [revision, key, 0, createRevision, current?.id ?? 0, expiresAt, value];
    // The previous value is read only if a watcher wants the event, in the same turn as the COMMIT: no
    // compaction step can remove the row in between.
    return this.append(row, current, { id: revision, createRevision }, { ok: true, revision, kv }, () => {
      const prev = current && this.sql.byId.get(current.id);
      return { type: current ? 'updated' : 'created', revision, kv, prevKv: prev && toKeyValue(prev) };
    });
  }

  private deleteNow(key: string, expectedModRevision: number | undefined): WriteResult | Promise<WriteResult> {
    const current = this.readLive(key);
    if (current === undefined || (expectedModRevision !== undefined && current.modRevision !== expectedModRevision)) {
      return this.miss(key, () => this.delete(key, expectedModRevision));
    }
    const revision = this.revision + 1;
    const row: InsertArgs = [revision, key, 1, current.createRevision, current.modRevision, null, EMPTY];
    const previous = this.live.get(key);
    return this.append(row, previous, undefined, { ok: true, revision, kv: current }, () => ({
      type: 'deleted',
      revision,
      kv: { ...current, modRevision: revision },
      prevKv: current,
    }));
  }

  /**
   * Inserts one log row into the open batch (beginning one if needed) and applies it to memory at once;
   * `next` is the key's new live version (undefined: deleted). The promise settles when the batch does.
   * A failed insert fails the whole batch: SQLite advises a rollback after most errors, and may have rolled
   * the transaction back already.
   */
  private append(
    row: InsertArgs,
    previous: LiveVersion | undefined,
    next: LiveVersion | undefined,
    result: WriteDone,
    event: () => WatchEvent,
  ): Promise<WriteResult> {
    const batch = this.batches.join(this.committed);
    try {
      this.sql.insert.run(...row);
    } catch (err) {
      this.batches.fail(err);
      return Promise.reject(err);
    }
    const key = row[1];
    this.revision = result.revision;
    if (next === undefined) this.live.delete(key);
    else this.live.set(key, next);
    const done = batch.add(key, previous, result, event);
    this.batches.added();
    return done;
  }

  private batchCommitted(batch: Batch): void {
    this.committed = this.revision;
    batch.committed((revision, key, event) => this.hub.publish(revision, key, event));
  }

  private batchRolledBack(batch: Batch, err: unknown): void {
    this.revision = batch.base;
    for (const [key, version] of batch.before) {
      if (version === undefined) this.live.delete(key);
      else this.live.set(key, version);
    }
    batch.rolledBack(err);
  }

  private sweepExpired(): void {
    if (this.closed) return;
    try {
      for (const { key, id } of this.sql.expired.all(this.now())) {
        void Promise.resolve(this.deleteNow(key, id)).catch(warnSweepFailed);
      }
    } catch (err) {
      warnSweepFailed(err);
    }
  }

  private readRevision(requested: number | undefined): number {
    return readRevision(requested, this.committed, this.compacted);
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
const DEFAULT_MAX_BATCH_WRITES = 256;

/** A failed expiry is tried again by the next sweep; nobody awaits it, so it is reported here. */
function warnSweepFailed(err: unknown): void {
  process.emitWarning(`sqlite TTL sweep failed: ${String(err)}`);
}

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
