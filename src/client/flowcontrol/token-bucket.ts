/**
 * A token bucket: `qps` tokens a second flow in, at most `burst` are kept. It limits the client's request rate
 * (default 50 qps, burst 100) and the overall requeue rate of work queues (10 qps, burst 100).
 */
import { type Clock, realClock, sleep } from '../clock/clock.js';

export class TokenBucket {
  private tokens: number;
  private last: number;

  /**
   * @param qps tokens added per second; `Infinity` disables limiting.
   * @param burst the bucket's size, which is also how many tokens it starts with.
   */
  constructor(
    readonly qps: number,
    readonly burst: number,
    private readonly clock: Clock = realClock,
  ) {
    if (!(qps > 0)) throw new RangeError(`qps must be positive, got ${qps}`);
    if (!(burst >= 1)) throw new RangeError(`burst must be at least 1, got ${burst}`);
    this.tokens = burst;
    this.last = clock.now();
  }

  /** Takes a token if one is there now; never waits. */
  tryAccept(): boolean {
    if (this.qps === Infinity) return true;
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /**
   * Takes a token now, possibly one that has not flowed in yet, and returns how long (ms) the caller must wait
   * before using it: 0 when one was there. Reservations queue up: each one pushes the next one later.
   */
  reserve(): number {
    if (this.qps === Infinity) return 0;
    this.refill();
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.qps);
  }

  /**
   * Waits for a token. Resolves `true` once the caller may proceed, `false` when `signal` aborted first (the
   * reserved token is then lost, which only makes the limiter a little stricter).
   */
  async accept(signal?: AbortSignal): Promise<boolean> {
    const wait = this.reserve();
    if (wait === 0) return !signal?.aborted;
    return sleep(this.clock, wait, signal);
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.qps) / 1000);
  }
}
