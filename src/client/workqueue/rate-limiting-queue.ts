/**
 * RateLimitingQueue: a DelayingQueue that spaces out retries. A worker that failed on an item calls
 * `addRateLimited(item)` (it comes back after the limiter's delay); one that succeeded calls `forget(item)` so
 * that its next failure starts again from the shortest delay.
 */
import { type Clock, realClock } from '../clock/clock.js';
import { DelayingQueue } from './delaying-queue.js';
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiters.js';

export class RateLimitingQueue<T> extends DelayingQueue<T> {
  readonly rateLimiter: RateLimiter<T>;

  /** @param rateLimiter default: defaultControllerRateLimiter on the same clock. */
  constructor(rateLimiter?: RateLimiter<T>, clock: Clock = realClock) {
    super(clock);
    this.rateLimiter = rateLimiter ?? defaultControllerRateLimiter<T>(clock);
  }

  /** Adds `item` after the rate limiter's delay for it (which also counts the failure). */
  addRateLimited(item: T): void {
    this.addAfter(item, this.rateLimiter.when(item));
  }

  /** Forgets `item`'s failures; it does not remove the item from the queue. */
  forget(item: T): void {
    this.rateLimiter.forget(item);
  }

  /** How often `item` was added rate-limited since it was last forgotten. */
  numRequeues(item: T): number {
    return this.rateLimiter.numRequeues(item);
  }
}
