import { CompactedError } from '../errors.js';
import type { WatchEvent, WatchOptions } from '../store.js';
import type { EtcdFeed, FeedSubscriber } from './etcd-feed.js';

/** What a prefix watch needs from its store's feeds (see `shared-watch.ts`). */
export interface WatchFeeds {
  /** A watch leaves its feed when this many events wait for its consumer, and catches up once they are taken. */
  readonly maxBufferedEvents: number;
  compactedRevision(): Promise<number>;
  /**
   * The feed a watch synced to `afterRevision` should join: the prefix's shared feed when that covers the
   * revision, else a new one starting there (the shared one, if the prefix has none). Never a stopped feed.
   */
  feedFor(prefix: string, afterRevision: number): EtcdFeed;
  /**
   * For a watch on `feed`, now synced to `afterRevision`: the prefix's shared feed when `feed` is a catch-up
   * feed and the shared one now covers the revision, else undefined. A catch-up feed of a prefix that has no
   * shared feed (any more) becomes the shared one.
   */
  switchTarget(feed: EtcdFeed, afterRevision: number): EtcdFeed | undefined;
  /** Registers a running watch so that closing the store can end it; returns its unregistration. */
  track(watch: PrefixWatch): () => void;
}

/**
 * One `Store.watch` call: the changes of a prefix after a revision, in revision order without gaps or
 * duplicates, from a feed (one etcd watch, usually shared with the other watches of the prefix).
 *
 * It keeps `synced`, the revision up to which every change has been queued for its consumer, and a queue.
 * It (re)joins a feed from `synced` (after checking that etcd has not compacted past it) when it starts, when
 * its queue reached `maxBufferedEvents` and it left its feed so as to buffer no more (the queue has drained
 * since), and when its feed ended because the feed, not this watch, was behind a compaction. Joining a feed
 * replays the events the feed holds after `synced`; a watch starting before them gets a catch-up feed of its
 * own, and moves to the shared feed as soon as that covers its `synced`.
 */
export class PrefixWatch implements FeedSubscriber {
  private syncedRevision: number;
  private queue: WatchEvent[] = [];
  private head = 0;
  /** The feed this watch is a subscriber of; undefined while it has none (it joins one when its queue drains). */
  private feed: EtcdFeed | undefined;
  private ended = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly feeds: WatchFeeds,
    private readonly prefix: string,
    private readonly options: WatchOptions,
  ) {
    this.syncedRevision = options.afterRevision;
  }

  /** {@inheritDoc FeedSubscriber.synced} */
  get synced(): number {
    return this.syncedRevision;
  }

  /** The events, for `for await`. Throws CompactedError or UnavailableError; ends normally on stop or abort. */
  async *events(): AsyncGenerator<WatchEvent, void, undefined> {
    const signal = this.options.signal;
    if (signal?.aborted === true) return;
    const onAbort = (): void => void this.stop();
    signal?.addEventListener('abort', onAbort, { once: true });
    const untrack = this.feeds.track(this);
    try {
      for (;;) {
        if (this.ended) return;
        const event = this.take();
        if (event !== undefined) {
          yield event;
          continue;
        }
        if (this.failure !== undefined) throw this.failure;
        if (this.feed === undefined) {
          if (!(await this.attach())) return;
          continue;
        }
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      untrack();
      void this.stop();
    }
  }

  /** Ends the iteration (normally) and leaves the feed; resolves once a feed this left empty has stopped. */
  stop(): Promise<void> {
    this.ended = true;
    const feed = this.feed;
    this.feed = undefined;
    this.notify();
    return feed === undefined ? Promise.resolve() : feed.leave(this);
  }

  /** {@inheritDoc FeedSubscriber.offer} */
  offer(feed: EtcdFeed, events: readonly WatchEvent[], syncedTo: number): boolean {
    if (this.ended) return false;
    const after = this.syncedRevision;
    for (const event of events) if (event.revision > after) this.queue.push(event);
    this.syncedRevision = Math.max(after, syncedTo);
    this.notify();
    if (this.queue.length - this.head >= this.feeds.maxBufferedEvents) {
      this.feed = undefined;
      return false;
    }
    const target = this.feeds.switchTarget(feed, this.syncedRevision);
    if (target === undefined) return true;
    this.feed = undefined;
    this.join(target);
    return false;
  }

  /** {@inheritDoc FeedSubscriber.lost} */
  lost(failure: Error | undefined): void {
    this.feed = undefined;
    this.failure ??= failure;
    this.notify();
  }

  /**
   * Checks compaction, then joins a feed from `synced`. Resolves false when the watch was stopped meanwhile
   * (errors then do not matter).
   * @throws CompactedError when etcd has compacted past `synced`.
   */
  private async attach(): Promise<boolean> {
    let compacted: number;
    try {
      compacted = await this.feeds.compactedRevision();
    } catch (err) {
      if (this.ended) return false;
      throw err;
    }
    if (this.ended) return false;
    const after = this.syncedRevision;
    if (after < compacted) throw new CompactedError(after, compacted);
    this.join(this.feeds.feedFor(this.prefix, after));
    return true;
  }

  private join(feed: EtcdFeed): void {
    if (feed.join(this, this.feeds.maxBufferedEvents)) this.feed = feed;
  }

  private take(): WatchEvent | undefined {
    const event = this.queue[this.head];
    if (event === undefined) return undefined;
    this.head++;
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    }
    return event;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
