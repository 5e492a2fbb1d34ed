/**
 * The spam filter (upstream EventSourceObjectSpamFilter): each source may report `burst` events about one
 * object, then one more per refill period (default 25, then one every five minutes), so that something that is
 * always failing cannot flood the API with events. Rations are kept in an LRU of `cacheSize` entries.
 */
import type { Event } from '../../api/core/v1/event.js';
import { type Clock, realClock } from '../clock/clock.js';
import { TokenBucket } from '../flowcontrol/token-bucket.js';
import { spamKey } from './event-keys.js';
import { LruCache } from './lru-cache.js';

export interface EventSpamFilterOptions {
  readonly cacheSize: number;
  readonly burst: number;
  /** Events a second that flow back in (default one per 300 s). */
  readonly qps: number;
  readonly clock?: Clock;
}

export class EventSpamFilter {
  private readonly buckets: LruCache<string, TokenBucket>;
  private readonly clock: Clock;

  constructor(private readonly options: EventSpamFilterOptions) {
    this.buckets = new LruCache(options.cacheSize);
    this.clock = options.clock ?? realClock;
  }

  /** Whether `event` must be dropped: its source has used up its ration for the object. Takes one from it otherwise. */
  filter(event: Event): boolean {
    const key = spamKey(event);
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = new TokenBucket(this.options.qps, this.options.burst, this.clock);
      this.buckets.set(key, bucket);
    }
    return !bucket.tryAccept();
  }
}
