/**
 * The per-zone queue of nodes waiting for their NoExecute taint (upstream RateLimitedTimedQueue as the node
 * lifecycle controller uses it): taints go on in queue order, at most `qps` nodes a second per zone (burst 1);
 * a rate of 0 stops tainting in the zone, Infinity lets every queued node through at once.
 */
import type { Clock } from '../../client/clock/clock.js';
import { TokenBucket } from '../../client/flowcontrol/token-bucket.js';

/** Upstream's burst of the eviction rate limiter. */
const EVICTION_BURST = 1;

export class ZoneTainter {
  /** node name → node UID, in the order they were queued. */
  private readonly queue = new Map<string, string>();
  private bucket: TokenBucket | undefined;
  private rate = Number.NaN;

  constructor(
    qps: number,
    private readonly clock: Clock,
  ) {
    this.setRate(qps);
  }

  /** The current rate (nodes per second). */
  get qps(): number {
    return this.rate;
  }

  /** Changes the rate (upstream SwapLimiter); a new bucket starts full. */
  setRate(qps: number): void {
    if (qps === this.rate) return;
    this.rate = qps;
    this.bucket = qps > 0 && qps !== Infinity ? new TokenBucket(qps, EVICTION_BURST, this.clock) : undefined;
  }

  /** Queues `name` unless it is queued already. @returns whether it was added. */
  add(name: string, uid: string): boolean {
    if (this.queue.has(name)) return false;
    this.queue.set(name, uid);
    return true;
  }

  /** Takes `name` off the queue. @returns whether it was queued. */
  remove(name: string): boolean {
    return this.queue.delete(name);
  }

  has(name: string): boolean {
    return this.queue.has(name);
  }

  /**
   * Offers queued nodes to `taint`, oldest first, as long as the rate allows. A node for which `taint` resolves
   * true (done, or nothing left to do) leaves the queue; one that resolves false stays for the next drain.
   */
  async drain(taint: (name: string) => Promise<boolean>): Promise<void> {
    for (const name of [...this.queue.keys()]) {
      if (this.rate <= 0) return;
      if (this.bucket !== undefined && !this.bucket.tryAccept()) return;
      if (await taint(name)) this.queue.delete(name);
    }
  }
}
