import type { Etcd3, IWatchResponse, Watcher } from 'etcd3';
import { CompactedError, StorageError, UnavailableError } from '../errors.js';
import type { WatchEvent } from '../store.js';
import { describeFailure } from './etcd-errors.js';
import type { EtcdKeys } from './etcd-keys.js';
import { EventRing } from './event-ring.js';
import { toWatchEvent } from './watch-event.js';

/** What a feed needs from its store. */
export interface FeedContext {
  /** The client whose single multiplexed watch stream carries every feed of the store. */
  readonly client: Etcd3;
  readonly keys: EtcdKeys;
  compactedRevision(): Promise<number>;
}

/** A consumer of a feed: one `Store.watch` call. */
export interface FeedSubscriber {
  /** Every change at or below this revision has already been handed to the subscriber. */
  readonly synced: number;
  /**
   * Takes a batch of the feed's events: whole revisions in ascending order, some possibly at or below
   * `synced` (which the subscriber ignores), and the revision the feed is synced to after them. Returns false
   * to leave the feed (its queue is full, or it moved to another feed): the feed forgets it at once.
   */
  offer(feed: EtcdFeed, events: readonly WatchEvent[], syncedTo: number): boolean;
  /**
   * The feed ended under the subscriber (etcd cancelled its watch) and has forgotten it. `failure` is what the
   * subscriber must fail with, or undefined when it may start over from `synced` (etcd still has that history).
   */
  lost(failure: Error | undefined): void;
}

const CANCEL_WAIT_MS = 1_000;

/**
 * One etcd watch of one prefix, from a revision, with previous values, fanned out to any number of
 * subscribers, and keeping its newest events (see `event-ring.ts`) for subscribers that join late.
 *
 * It keeps `synced`: every event at or below it has been received. etcd sends all events of one revision in
 * one response, so after each response `synced` is the revision of its last event. On a reconnect etcd3 would
 * resume from the revision of the last response header, which can skip events (a catch-up response's header
 * can be ahead of its events), so the resume point is overwritten with `synced + 1`, and anything at or below
 * `synced` that arrives again is dropped. The feed stops (cancelling the etcd watch) when its last subscriber
 * leaves, when etcd cancels it, or when its store closes; a stopped feed never starts again.
 */
export class EtcdFeed {
  private readonly ring: EventRing;
  private readonly subscribers = new Set<FeedSubscriber>();
  private syncedRevision: number;
  private watcher: Watcher | undefined;
  private stopping: Promise<void> | undefined;

  /**
   * Starts the etcd watch at `afterRevision + 1`, keeping up to `historyEvents` of the newest events.
   * `onEnd` is called once, when the feed stops for whatever reason.
   */
  constructor(
    private readonly ctx: FeedContext,
    readonly prefix: string,
    afterRevision: number,
    historyEvents: number,
    private readonly onEnd: (feed: EtcdFeed) => void,
  ) {
    this.syncedRevision = afterRevision;
    this.ring = new EventRing(afterRevision, historyEvents);
    this.start();
  }

  /** Every event of the prefix at or below this revision has been received. */
  get synced(): number {
    return this.syncedRevision;
  }

  /**
   * Whether a subscriber synced to `afterRevision` can join without missing an event: the feed still holds,
   * or has yet to receive, every event after it.
   */
  covers(afterRevision: number): boolean {
    return this.stopping === undefined && afterRevision >= this.ring.floor;
  }

  /** Changes how many of its newest events the feed keeps for late joiners. */
  retain(historyEvents: number): void {
    this.ring.retain(historyEvents);
  }

  /**
   * Offers `sub` the held events after its sync point (at most about `limit`), then, if that brought it up to
   * the feed's sync point and it kept them, adds it to the subscribers that get every later batch. Returns
   * whether it was added; if not, it has events to consume and comes back later from its new sync point.
   * A feed that nobody joins stops.
   */
  join(sub: FeedSubscriber, limit: number): boolean {
    if (!this.covers(sub.synced)) return false;
    const { events, complete } = this.ring.after(sub.synced, limit);
    const syncedTo = complete ? this.syncedRevision : (events[events.length - 1]?.revision ?? sub.synced);
    const kept = sub.offer(this, events, syncedTo);
    if (complete && kept) {
      this.subscribers.add(sub);
      return true;
    }
    if (this.subscribers.size === 0) void this.stop();
    return false;
  }

  /** Removes `sub`; when it was the last subscriber, stops the feed, resolving once etcd confirmed or 1 s passed. */
  leave(sub: FeedSubscriber): Promise<void> {
    if (!this.subscribers.delete(sub) || this.subscribers.size > 0) return Promise.resolve();
    return this.stop();
  }

  /** Cancels the etcd watch (idempotent); resolves once etcd confirmed or 1 s passed. Subscribers hear nothing. */
  stop(): Promise<void> {
    if (this.stopping !== undefined) return this.stopping;
    const watcher = this.watcher;
    this.watcher = undefined;
    this.stopping = watcher === undefined ? Promise.resolve() : cancelQuietly(watcher);
    this.onEnd(this);
    return this.stopping;
  }

  private start(): void {
    const { start, end } = this.ctx.keys.range(this.prefix);
    const watcher = this.ctx.client
      .watch()
      .inRange({ start, end })
      .withPreviousKV()
      .startRevision(String(this.syncedRevision + 1))
      .watcher();
    this.watcher = watcher;
    watcher.on('data', (res) => this.onData(watcher, res));
    watcher.on('disconnected', () => {
      watcher.request.start_revision = String(this.syncedRevision + 1);
    });
    // etcd3 emits 'error' when etcd cancels the watch (e.g. compaction); an unheard 'error' would crash.
    watcher.on('error', (err) => this.onCancelled(watcher, err));
  }

  private onData(watcher: Watcher, res: IWatchResponse): void {
    if (watcher !== this.watcher) return;
    const raw = res.events;
    const last = raw[raw.length - 1];
    const before = this.syncedRevision;
    const events: WatchEvent[] = [];
    if (last === undefined) {
      // A progress notification: etcd has sent this watch every change up to the header's revision.
      this.syncedRevision = Math.max(before, Number(res.header.revision));
    } else {
      for (const ev of raw) {
        if (Number(ev.kv.mod_revision) <= before) continue;
        const event = toWatchEvent(ev, this.ctx.keys);
        events.push(event);
        this.ring.push(event);
      }
      this.syncedRevision = Math.max(before, Number(last.kv.mod_revision));
    }
    if (this.syncedRevision === before) return;
    for (const sub of [...this.subscribers]) {
      if (this.subscribers.has(sub) && !sub.offer(this, events, this.syncedRevision)) this.subscribers.delete(sub);
    }
    if (this.subscribers.size === 0) void this.stop();
  }

  /**
   * etcd cancelled the watch. Subscribers that need compacted history fail with CompactedError; if the feed
   * itself was behind the compaction, the others start over elsewhere; any other cancellation fails them all.
   */
  private onCancelled(watcher: Watcher, err: Error): void {
    if (watcher !== this.watcher) return;
    this.watcher = undefined;
    void this.stop();
    const unavailable = (): Error =>
      new UnavailableError(`etcd cancelled the watch of "${this.prefix}": ${describeFailure(err)}`, err);
    this.ctx.compactedRevision().then(
      (compacted) =>
        this.dropAll((synced) => {
          if (synced < compacted) return new CompactedError(synced, compacted);
          return this.syncedRevision < compacted ? undefined : unavailable();
        }),
      (probeErr: unknown) => this.dropAll(() => (probeErr instanceof StorageError ? probeErr : unavailable())),
    );
  }

  private dropAll(failureFor: (synced: number) => Error | undefined): void {
    const subs = [...this.subscribers];
    this.subscribers.clear();
    for (const sub of subs) sub.lost(failureFor(sub.synced));
  }
}

/** Cancels an etcd watch, waiting at most a second for etcd to confirm; never rejects. */
function cancelQuietly(watcher: Watcher): Promise<void> {
  const cancelled = Promise.resolve()
    .then(() => watcher.cancel())
    .catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, CANCEL_WAIT_MS)));
  return Promise.race([cancelled, timeout]).finally(() => clearTimeout(timer));
}
