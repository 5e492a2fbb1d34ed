/**
 * Rate limiters decide how long an item waits before it is retried. The default for controllers combines a
 * per-item exponential back-off (5 ms doubling to 1000 s) with an overall token bucket (10 qps, burst 100),
 * taking the longer of the two.
 */
import { type Clock, realClock } from '../clock/clock.js';
import { TokenBucket } from '../flowcontrol/token-bucket.js';

export interface RateLimiter<T> {
  /** Records a failure of `item` and returns how long (ms) it should wait before its next try. */
  when(item: T): number;
  /** Forgets `item`'s failures (call it once the item succeeded). */
  forget(item: T): void;
  /** How many failures of `item` are recorded. */
  numRequeues(item: T): number;
}

/** base · 2^failures, capped at max. */
export class ItemExponentialFailureRateLimiter<T> implements RateLimiter<T> {
  private readonly failures = new Map<T, number>();

  constructor(
    private readonly baseDelayMs: number,
    private readonly maxDelayMs: number,
  ) {}

  when(item: T): number {
    const exp = this.failures.get(item) ?? 0;
    this.failures.set(item, exp + 1);
    const delay = this.baseDelayMs * 2 ** exp;
    return Number.isFinite(delay) && delay <= this.maxDelayMs ? delay : this.maxDelayMs;
  }

  forget(item: T): void {
    this.failures.delete(item);
  }

  numRequeues(item: T): number {
    return this.failures.get(item) ?? 0;
  }
}

/** A token bucket over all items: retries beyond `qps` (after a `burst`) are spread out. */
export class BucketRateLimiter<T> implements RateLimiter<T> {
  private readonly bucket: TokenBucket;

  constructor(qps: number, burst: number, clock: Clock = realClock) {
    this.bucket = new TokenBucket(qps, burst, clock);
  }

  when(_item: T): number {
    return this.bucket.reserve();
  }

  forget(_item: T): void {}

  numRequeues(_item: T): number {
    return 0;
  }
}

/** The longest wait of several limiters (every one records the failure). */
export class MaxOfRateLimiter<T> implements RateLimiter<T> {
  private readonly limiters: readonly RateLimiter<T>[];

  constructor(...limiters: RateLimiter<T>[]) {
    this.limiters = limiters;
  }

  when(item: T): number {
    return Math.max(0, ...this.limiters.map((l) => l.when(item)));
  }

  forget(item: T): void {
    for (const l of this.limiters) l.forget(item);
  }

  numRequeues(item: T): number {
    return Math.max(0, ...this.limiters.map((l) => l.numRequeues(item)));
  }
}

/** Upstream's default for controllers: per item 5 ms → 1000 s exponential, overall 10 qps burst 100. */
export function defaultControllerRateLimiter<T>(clock: Clock = realClock): RateLimiter<T> {
  return new MaxOfRateLimiter<T>(
    new ItemExponentialFailureRateLimiter<T>(5, 1000 * 1000),
    new BucketRateLimiter<T>(10, 100, clock),
  );
}
