import type { Etcd3, IEvent, IWatchResponse, Watcher } from 'etcd3';
import { CompactedError, StorageError, UnavailableError } from '../errors.js';
import { WatchEventType, type WatchEvent, type WatchOptions } from '../store.js';
import { describeFailure } from './etcd-errors.js';
import type { EtcdKeys } from './etcd-keys.js';

/** What a prefix watch needs from its store. */
export interface WatchSource {
  /** The client whose single multiplexed watch stream every watch of the store shares. */
  readonly client: Etcd3;
  readonly keys: EtcdKeys;
  /** Pause the etcd watch when this many events wait for the consumer (resumed once they are taken). */
  readonly maxBufferedEvents: number;
  compactedRevision(): Promise<number>;
  /** Registers a running watch so that closing the store can end it; returns its unregistration. */
  track(watch: PrefixWatch): () => void;
}

const CANCEL_WAIT_MS = 1_000;

/**
 * One `Store.watch` call: an etcd watch of a key range from a revision, with previous values, delivered in
 * revision order without gaps or duplicates.
 *
 * It keeps `nextRevision`, the first revision not yet queued. etcd sends all events of one revision in one
 * response, so after each response every event before `nextRevision` is queued. On a reconnect etcd3 would
 * resume from the revision of the last response header, which can skip events (a catch-up response's header
 * can be ahead of its events), so the resume point is overwritten with `nextRevision`, and anything older
 * that arrives again is dropped. When the consumer falls `maxBufferedEvents` behind, the etcd watch is
 * cancelled and re-created from `nextRevision` once the queue drains: memory stays bounded, and history
 * (if not compacted meanwhile) fills the gap.
 */
export class PrefixWatch {
  private nextRevision: number;
  private queue: WatchEvent[] = [];
  private head = 0;
  private watcher: Watcher | undefined;
  private paused = false;
  private ended = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly source: WatchSource,
    private readonly prefix: string,
    private readonly options: WatchOptions,
  ) {
    this.nextRevision = options.afterRevision + 1;
  }

  /** The events, for `for await`. Throws CompactedError or UnavailableError; ends normally on stop or abort. */
  async *events(): AsyncGenerator<WatchEvent, void, undefined> {
    const signal = this.options.signal;
    if (signal?.aborted === true) return;
    const onAbort = (): void => void this.stop();
    signal?.addEventListener('abort', onAbort, { once: true });
    const untrack = this.source.track(this);
    try {
      if (!(await this.attach())) return;
      for (;;) {
        if (this.ended) return;
        const event = this.take();
        if (event !== undefined) {
          yield event;
          continue;
        }
        if (this.failure !== undefined) throw this.failure;
        if (this.paused) {
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

  /** Ends the iteration (normally) and cancels the etcd watch; resolves once etcd confirmed or 1 s passed. */
  stop(): Promise<void> {
    this.ended = true;
    const watcher = this.watcher;
    this.watcher = undefined;
    this.notify();
    return watcher === undefined ? Promise.resolve() : cancelQuietly(watcher);
  }

  /**
   * Checks compaction, then starts an etcd watch from `nextRevision` on the store's shared stream.
   * Resolves false when the watch was stopped meanwhile (errors then do not matter).
   */
  private async attach(): Promise<boolean> {
    const after = this.nextRevision - 1;
    let compacted: number;
    try {
      compacted = await this.source.compactedRevision();
    } catch (err) {
      if (this.ended) return false;
      throw err;
    }
    if (this.ended) return false;
    if (after < compacted) throw new CompactedError(after, compacted);
    this.paused = false;
    const { start, end } = this.source.keys.range(this.prefix);
    const watcher = this.source.client
      .watch()
      .inRange({ start, end })
      .withPreviousKV()
      .startRevision(String(this.nextRevision))
      .watcher();
    this.watcher = watcher;
    watcher.on('data', (res) => this.onData(watcher, res));
    watcher.on('disconnected', () => {
      watcher.request.start_revision = String(this.nextRevision);
    });
    // etcd3 emits 'error' when etcd cancels the watch (e.g. compaction); an unheard 'error' would crash.
    watcher.on('error', (err) => this.onCancelled(watcher, err));
    return true;
  }

  private onData(watcher: Watcher, res: IWatchResponse): void {
    if (watcher !== this.watcher) return;
    const events = res.events;
    const last = events[events.length - 1];
    if (last === undefined) {
      // A progress notification: etcd has sent this watch every change up to the header's revision.
      this.nextRevision = Math.max(this.nextRevision, Number(res.header.revision) + 1);
      return;
    }
    for (const raw of events) {
      const event = toWatchEvent(raw, this.source.keys);
      if (event.revision >= this.nextRevision) this.queue.push(event);
    }
    this.nextRevision = Math.max(this.nextRevision, Number(last.kv.mod_revision) + 1);
    if (this.queue.length - this.head >= this.source.maxBufferedEvents) {
      this.paused = true;
      this.watcher = undefined;
      void cancelQuietly(watcher);
    }
    this.notify();
  }

  private onCancelled(watcher: Watcher, err: Error): void {
    if (watcher !== this.watcher) return;
    this.watcher = undefined;
    const after = this.nextRevision - 1;
    this.source.compactedRevision().then(
      (compacted) => {
        this.failure =
          after < compacted
            ? new CompactedError(after, compacted)
            : new UnavailableError(`etcd cancelled the watch of "${this.prefix}": ${describeFailure(err)}`, err);
        this.notify();
      },
      (probeErr: unknown) => {
        this.failure =
          probeErr instanceof StorageError
            ? probeErr
            : new UnavailableError(`etcd cancelled the watch of "${this.prefix}": ${describeFailure(err)}`, err);
        this.notify();
      },
    );
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

/**
 * The store's event for one etcd event. A put is `created` when it made the key (create revision equals mod
 * revision), else `updated`. A delete's `kv` is the deleted version (last value, create revision) with
 * `modRevision` set to the delete's revision, as every event's `kv.modRevision` equals its `revision`;
 * `prevKv` is the deleted version unchanged. Should etcd omit the previous version (compacted away), `kv`
 * has an empty value and create revision 0.
 */
export function toWatchEvent(ev: IEvent, keys: EtcdKeys): WatchEvent {
  const revision = Number(ev.kv.mod_revision);
  const prevKv = ev.prev_kv ? keys.keyValue(ev.prev_kv) : undefined;
  if (ev.type === 'Delete') {
    const kv = prevKv
      ? { ...prevKv, modRevision: revision }
      : { key: keys.decode(ev.kv.key), value: new Uint8Array(0), createRevision: 0, modRevision: revision };
    return { type: WatchEventType.Deleted, revision, kv, prevKv };
  }
  const kv = keys.keyValue(ev.kv);
  if (kv.createRevision === kv.modRevision) return { type: WatchEventType.Created, revision, kv, prevKv: undefined };
  return { type: WatchEventType.Updated, revision, kv, prevKv };
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
