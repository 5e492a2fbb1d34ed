/**
 * Exponential back-off with jitter for retry loops: 1 s, 2 s, 4 s … capped at 30 s by default, each stretched by
 * up to `jitter` (10 %) at random, and back to the start once no failure happened for `resetAfterMs` (2 min).
 */
import { type Clock, realClock } from '../clock/clock.js';

export interface BackoffOptions {
  readonly initialMs?: number;
  readonly maxMs?: number;
  readonly factor?: number;
  /** The largest random stretch, as a fraction of the delay. */
  readonly jitter?: number;
  readonly resetAfterMs?: number;
  readonly clock?: Clock;
  /** A source of numbers in [0, 1): Math.random by default; tests pass a constant. */
  readonly random?: () => number;
}

export class Backoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly factor: number;
  private readonly jitter: number;
  private readonly resetAfterMs: number;
  private readonly clock: Clock;
  private readonly random: () => number;
  private currentMs: number;
  private lastFailure: number | undefined;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 1000;
    this.maxMs = options.maxMs ?? 30_000;
    this.factor = options.factor ?? 2;
    this.jitter = options.jitter ?? 0.1;
    this.resetAfterMs = options.resetAfterMs ?? 120_000;
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? Math.random;
    this.currentMs = this.initialMs;
  }

  /** Records a failure and returns how long to wait before the next try. */
  next(): number {
    const now = this.clock.now();
    if (this.lastFailure !== undefined && now - this.lastFailure > this.resetAfterMs) this.currentMs = this.initialMs;
    this.lastFailure = now;
    const delay = this.currentMs;
    this.currentMs = Math.min(this.maxMs, this.currentMs * this.factor);
    return Math.round(delay * (1 + this.jitter * this.random()));
  }

  /** Starts over from the initial delay. */
  reset(): void {
    this.currentMs = this.initialMs;
    this.lastFailure = undefined;
  }
}
