import type { WatchEvent, WatchOptions } from '../store.js';
import { EtcdFeed, type FeedContext } from './etcd-feed.js';
import { PrefixWatch, type WatchFeeds } from './etcd-watch.js';

/** How many of its newest events a shared feed keeps by default for watches that join it late. */
export const DEFAULT_SHARED_HISTORY_EVENTS = 10_000;

export interface SharedWatchOptions extends FeedContext {
  /** Events one watch may queue for its consumer before it leaves its feed (and later catches up). */
  readonly maxBufferedEvents: number;
  /** Events each shared feed keeps for late joiners. Default {@link DEFAULT_SHARED_HISTORY_EVENTS}. */
  readonly historyEvents?: number;
}

/**
 * The watches of one store, sharing etcd watches: every `Store.watch` of a prefix whose start the prefix's
 * shared feed covers joins that feed (one etcd watch, fanned out locally), replaying the recent events the
 * feed holds and then receiving its live ones. A watch starting before what the shared feed holds gets a
 * catch-up feed of its own (an etcd watch from its revision, keeping no history) and moves to the shared feed
 * once that covers it; so does a watch whose consumer fell behind and left its feed. The first watch of a
 * prefix starts its shared feed; when the last subscriber leaves, the feed's etcd watch is cancelled.
 * Feeds are per exact prefix: watches of `/a/` and `/ab/` never share one.
 */
export class SharedWatches implements WatchFeeds {
  readonly maxBufferedEvents: number;
  private readonly historyEvents: number;
  /** The shared feed of each prefix that has one. */
  private readonly shared = new Map<string, EtcdFeed>();
  /** Every running feed, shared or catch-up. */
  private readonly feeds = new Set<EtcdFeed>();
  private readonly watches = new Set<PrefixWatch>();
  private started = 0;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: SharedWatchOptions) {
    this.maxBufferedEvents = Math.max(1, options.maxBufferedEvents);
    this.historyEvents = Math.max(0, options.historyEvents ?? DEFAULT_SHARED_HISTORY_EVENTS);
  }

  /** The iteration described by `Store.watch`. */
  watch(prefix: string, options: WatchOptions): AsyncIterable<WatchEvent> {
    return new PrefixWatch(this, prefix, options).events();
  }

  /** How many etcd watches (shared and catch-up) are open now, and how many were ever started (diagnostics). */
  etcdWatches(): { readonly open: number; readonly started: number } {
    return { open: this.feeds.size, started: this.started };
  }

  /** Ends every watch normally and cancels every etcd watch; resolves once etcd confirmed (or 1 s passed). */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.watches].map((w) => w.stop()));
      await Promise.all([...this.feeds].map((f) => f.stop()));
    })();
    return this.closing;
  }

  /** {@inheritDoc WatchFeeds.compactedRevision} */
  compactedRevision(): Promise<number> {
    return this.options.compactedRevision();
  }

  /** {@inheritDoc WatchFeeds.feedFor} */
  feedFor(prefix: string, afterRevision: number): EtcdFeed {
    const shared = this.shared.get(prefix);
    if (shared?.covers(afterRevision) === true) return shared;
    const feed = new EtcdFeed(this.options, prefix, afterRevision, 0, (f) => this.forget(f));
    this.feeds.add(feed);
    this.started++;
    if (shared === undefined) this.share(feed);
    return feed;
  }

  /** {@inheritDoc WatchFeeds.switchTarget} */
  switchTarget(feed: EtcdFeed, afterRevision: number): EtcdFeed | undefined {
    const shared = this.shared.get(feed.prefix);
    if (shared === feed) return undefined;
    if (shared === undefined) {
      this.share(feed);
      return undefined;
    }
    return shared.covers(afterRevision) ? shared : undefined;
  }

  /** {@inheritDoc WatchFeeds.track} */
  track(watch: PrefixWatch): () => void {
    this.watches.add(watch);
    return () => void this.watches.delete(watch);
  }

  private share(feed: EtcdFeed): void {
    feed.retain(this.historyEvents);
    this.shared.set(feed.prefix, feed);
  }

  private forget(feed: EtcdFeed): void {
    this.feeds.delete(feed);
    if (this.shared.get(feed.prefix) === feed) this.shared.delete(feed.prefix);
  }
}
