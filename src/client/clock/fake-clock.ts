/**
 * A Clock for tests: time stands still until the test calls `step` (or `setTime`), which runs every timer
 * that came due, in due order, including timers that those callbacks schedule within the step.
 */
import type { Clock, Timer } from './clock.js';

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
  cancelled: boolean;
}

export class FakeClock implements Clock {
  private current: number;
  private seq = 0;
  private pending: Pending[] = [];

  /** Starts at `startMs` (default 2024-01-01T00:00:00Z) so that timestamps in tests are stable. */
  constructor(startMs: number = Date.UTC(2024, 0, 1)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimer(callback: () => void, delayMs: number): Timer {
    const entry: Pending = { at: this.current + Math.max(0, delayMs), seq: this.seq++, callback, cancelled: false };
    this.pending.push(entry);
    return {
      cancel: () => {
        entry.cancelled = true;
        this.pending = this.pending.filter((p) => p !== entry);
      },
    };
  }

  /** Advances time by `ms`, firing due timers in order of due time (then of scheduling). */
  step(ms: number): void {
    this.setTime(this.current + ms);
  }

  /** Moves time to `target` (never backwards), firing due timers in order. */
  setTime(target: number): void {
    for (;;) {
      const next = this.nextDue(target);
      if (next === undefined) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.current = Math.max(this.current, next.at);
      if (!next.cancelled) next.callback();
    }
    this.current = Math.max(this.current, target);
  }

  /** How many timers are waiting: lets a test wait until the code under test has gone to sleep. */
  waiterCount(): number {
    return this.pending.length;
  }

  /** When the earliest waiting timer is due, if any. */
  nextTimerAt(): number | undefined {
    return this.nextDue(Number.POSITIVE_INFINITY)?.at;
  }

  private nextDue(limit: number): Pending | undefined {
    let best: Pending | undefined;
    for (const p of this.pending) {
      if (p.at > limit) continue;
      if (best === undefined || p.at < best.at || (p.at === best.at && p.seq < best.seq)) best = p;
    }
    return best;
  }
}
