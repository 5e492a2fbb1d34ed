import type Database from 'better-sqlite3';
import type { WatchEvent, WriteResult } from '../store.js';

/** Where the latest version of a live key is. */
export interface LiveVersion {
  readonly id: number;
  readonly createRevision: number;
}

/** A successful write: what its caller is told once the write is durable. */
export type WriteDone = Extract<WriteResult, { ok: true }>;

interface PendingWrite {
  readonly key: string;
  readonly result: WriteDone;
  readonly event: () => WatchEvent;
  resolve(result: WriteResult): void;
  reject(err: unknown): void;
}

/** An outcome decided against writes of the batch that are not yet committed (a compare-and-swap miss). */
interface HeldOutcome {
  release(): void;
  redo(): void;
}

/**
 * The writes of one open transaction. The store applies each write to its memory at once, so that later
 * writes see earlier ones; the batch remembers what that memory held before, so a rollback can restore it,
 * and keeps every caller waiting until the outcome is known.
 */
export class Batch {
  /** Each key the batch wrote, with its live version before the batch's first write to it (undefined: absent). */
  readonly before = new Map<string, LiveVersion | undefined>();
  private readonly writes: PendingWrite[] = [];
  private readonly held: HeldOutcome[] = [];

  /** @param base the latest committed revision when the batch began: the revision a rollback returns to. */
  constructor(readonly base: number) {}

  /** How many writes the batch holds. */
  get size(): number {
    return this.writes.length;
  }

  /**
   * Records a write whose row is in the transaction, with `previous`, the key's live version before it.
   * Called in revision order. The promise resolves with `result` after COMMIT, or rejects if the batch fails.
   */
  add(
    key: string,
    previous: LiveVersion | undefined,
    result: WriteDone,
    event: () => WatchEvent,
  ): Promise<WriteResult> {
    if (!this.before.has(key)) this.before.set(key, previous);
    return new Promise((resolve, reject) => this.writes.push({ key, result, event, resolve, reject }));
  }

  /**
   * Holds back `outcome`, which was decided against this batch's uncommitted writes: it is released after
   * COMMIT, and decided again by `redo` (after the store's memory is restored) if the batch rolls back, so that
   * no caller ever learns of a version that might not exist.
   */
  hold<T>(outcome: T, redo: () => Promise<T>): Promise<T> {
    return new Promise((resolve) =>
      this.held.push({
        release: () => resolve(outcome),
        // On a later turn of the microtask queue: the failure that called us finishes its clean-up first.
        redo: () => resolve(Promise.resolve().then(redo)),
      }),
    );
  }

  /** After COMMIT: resolves every write and held outcome, then hands each event to `publish` in revision order. */
  committed(publish: (revision: number, key: string, event: () => WatchEvent) => void): void {
    for (const w of this.writes) w.resolve(w.result);
    for (const h of this.held) h.release();
    for (const w of this.writes) publish(w.result.revision, w.key, w.event);
  }

  /** After the rollback, with the store's memory restored: rejects every write with `err`, redoes held outcomes. */
  rolledBack(err: unknown): void {
    for (const w of this.writes) w.reject(err);
    for (const h of this.held) h.redo();
  }
}

/** What the store does when a batch ends. */
export interface BatchEnd {
  /** COMMIT succeeded: the batch's writes are durable. */
  committed(batch: Batch): void;
  /** The batch's transaction is gone (rolled back by us or by SQLite itself) after `err`. */
  rolledBack(batch: Batch, err: unknown): void;
}

/**
 * Group commit: writes arriving while a batch is open share its transaction. The transaction begins with the
 * first write and commits once the current turn of the event loop is over (setImmediate), so all the requests
 * one turn handles pay for one COMMIT; a batch that reaches `maxWrites` commits at once, which bounds both
 * the transaction and how long its first caller waits.
 *
 * One batch at most is open at a time. Anything else that writes to the database, checkpoints it or closes
 * it must `flush()` first, so that it never runs inside a batch whose fate is still open.
 */
export class GroupCommit {
  private batch: Batch | undefined;
  private timer: NodeJS.Immediate | undefined;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;

  /** @param maxWrites writes per transaction at most; 1 commits every write on its own, at once. */
  constructor(
    private readonly db: Database.Database,
    private readonly end: BatchEnd,
    private readonly maxWrites: number,
  ) {
    this.begin = db.prepare('BEGIN');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
  }

  /** The open batch, if any. */
  get open(): Batch | undefined {
    return this.batch;
  }

  /**
   * The open batch; begins a transaction for a new one when none is open.
   * @param base the latest committed revision.
   * @throws the SQLite error of BEGIN (then no batch is open).
   */
  join(base: number): Batch {
    if (this.batch !== undefined) return this.batch;
    this.begin.run();
    const batch = new Batch(base);
    this.batch = batch;
    this.timer = setImmediate(() => this.flush());
    return batch;
  }

  /** Called after each write added to the open batch: commits it when it is full. */
  added(): void {
    if (this.batch !== undefined && this.batch.size >= this.maxWrites) this.flush();
  }

  /** Commits the open batch now (nothing when none is open). A failed COMMIT ends the batch as `fail` does. */
  flush(): void {
    const batch = this.take();
    if (batch === undefined) return;
    try {
      this.commit.run();
    } catch (err) {
      this.abandon(batch, err);
      return;
    }
    this.end.committed(batch);
  }

  /** Ends the open batch after one of its statements failed with `err`: rolls it back and fails its writes. */
  fail(err: unknown): void {
    const batch = this.take();
    if (batch !== undefined) this.abandon(batch, err);
  }

  private take(): Batch | undefined {
    const batch = this.batch;
    this.batch = undefined;
    if (this.timer !== undefined) clearImmediate(this.timer);
    this.timer = undefined;
    return batch;
  }

  private abandon(batch: Batch, err: unknown): void {
    // SQLite ends the transaction itself on some errors (SQLITE_FULL, IOERR, RAISE(ROLLBACK)); on others
    // (a failed deferred constraint at COMMIT, RAISE(ABORT)) it stays open, with some of the batch's rows in it.
    if (this.db.inTransaction) {
      try {
        this.rollback.run();
      } catch (rollbackErr) {
        process.emitWarning(`sqlite rollback after a failed write batch failed: ${String(rollbackErr)}`);
      }
    }
    this.end.rolledBack(batch, err);
  }
}
