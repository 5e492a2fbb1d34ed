import type Database from 'better-sqlite3';
import type { Statements } from './statements.js';

export interface CompactionPolicy {
  /** How often the background compaction runs, in ms (0: never). */
  readonly intervalMs: number;
  /** How many of the latest revisions' history it keeps. */
  readonly retainRevisions: number;
  /** Revisions removed per transaction, so that compaction never blocks other work for long. */
  readonly stepRevisions: number;
}

export const DEFAULT_COMPACTION: CompactionPolicy = {
  intervalMs: 5 * 60_000,
  retainRevisions: 1_000,
  stepRevisions: 5_000,
};

/** What the compactor needs of its store. */
export interface Compactable {
  /** The latest committed revision. */
  head(): number;
  compactedRevision(): Promise<number>;
  compact(revision: number): Promise<void>;
  /** Commits any open write batch, so that the compactor's transactions and checkpoints run outside it. */
  flush(): void;
}

/**
 * Keeps the database bounded: periodically compacts all but the latest revisions, removes the rows that
 * history no longer needs in small steps, then truncates the WAL and returns free pages to the file system
 * when many are free.
 */
export class Compactor {
  private readonly policy: CompactionPolicy;
  private readonly timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly store: Compactable,
    private readonly db: Database.Database,
    private readonly sql: Statements,
    policy: Partial<CompactionPolicy> = {},
  ) {
    this.policy = { ...DEFAULT_COMPACTION, ...policy };
    if (this.policy.intervalMs > 0) {
      this.timer = setInterval(() => {
        void this.compactOld().catch((err: unknown) => {
          if (!this.stopped) process.emitWarning(`sqlite compaction failed: ${String(err)}`);
        });
      }, this.policy.intervalMs);
      this.timer.unref();
    }
  }

  /** Removes the rows only revisions in (from, to] still needed; `to` is already the compacted revision. */
  async removeHistory(from: number, to: number): Promise<void> {
    // Inside an open write batch these would share its fate (a failed batch would undo them unnoticed), and a
    // checkpoint inside a transaction fails with SQLITE_LOCKED. Writes may open a batch between steps.
    this.store.flush();
    this.sql.setMeta.run('compacted', to);
    for (let lo = from; lo < to && !this.stopped; lo += this.policy.stepRevisions) {
      const hi = Math.min(lo + this.policy.stepRevisions, to);
      this.store.flush();
      this.db.transaction(() => {
        this.sql.deleteSuperseded.run(lo, hi);
        this.sql.deleteTombstones.run(lo, hi);
      })();
      if (hi < to) await new Promise((resolve) => setImmediate(resolve));
    }
    if (this.stopped) return;
    this.store.flush();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    if (free > 1_000 && free > pages / 4) this.db.pragma(`incremental_vacuum(${free})`);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
  }

  private async compactOld(): Promise<void> {
    const target = this.store.head() - this.policy.retainRevisions;
    if (target > (await this.store.compactedRevision())) await this.store.compact(target);
  }
}
