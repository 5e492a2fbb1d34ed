/**
 * Pod evictions scheduled for a time (upstream tainteviction TimedWorkerQueue): one timer per pod key. Once an
 * eviction has run successfully its key stays, marked done, so that later node or pod updates do not evict the
 * pod again while it terminates; `cancel` (the pod is gone, or tolerated again) clears the key.
 */
import type { Clock, Timer } from '../../client/clock/clock.js';

export interface ScheduledEviction {
  readonly fireAtMs: number;
  /** When this eviction was first scheduled. */
  readonly createdAtMs: number;
  /** Whether it ran (successfully). */
  readonly done: boolean;
}

interface Entry extends ScheduledEviction {
  timer: Timer | undefined;
}

export class TimedEvictions {
  private readonly entries = new Map<string, Entry>();

  /**
   * @param work evicts the pod of `key`; a rejection forgets the key, so that a later update can schedule it
   *   again.
   */
  constructor(
    private readonly clock: Clock,
    private readonly work: (key: string) => Promise<void>,
  ) {}

  /** The eviction of `key`, pending or done. */
  get(key: string): ScheduledEviction | undefined {
    const entry = this.entries.get(key);
    return entry === undefined
      ? undefined
      : { fireAtMs: entry.fireAtMs, createdAtMs: entry.createdAtMs, done: entry.done };
  }

  /** Schedules the eviction of `key` at `fireAtMs` unless the key is there already (pending or done). */
  schedule(key: string, fireAtMs: number, createdAtMs: number = this.clock.now()): void {
    if (this.entries.has(key)) return;
    const entry: Entry = { fireAtMs, createdAtMs, done: false, timer: undefined };
    this.entries.set(key, entry);
    entry.timer = this.clock.setTimer(() => void this.fire(key, entry), fireAtMs - this.clock.now());
  }

  /** Forgets `key`, stopping its timer. @returns whether an eviction was pending (not yet run). */
  cancel(key: string): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.entries.delete(key);
    entry.timer?.cancel();
    return !entry.done && entry.timer !== undefined;
  }

  /** Stops every pending timer (the controller stops). */
  stop(): void {
    for (const entry of this.entries.values()) entry.timer?.cancel();
    this.entries.clear();
  }

  /** How many keys are tracked (pending or done). */
  get size(): number {
    return this.entries.size;
  }

  private async fire(key: string, entry: Entry): Promise<void> {
    entry.timer = undefined;
    try {
      await this.work(key);
      if (this.entries.get(key) === entry) this.entries.set(key, { ...entry, done: true, timer: undefined });
    } catch {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    }
  }
}
