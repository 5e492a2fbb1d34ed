import { CompactedError, StoreClosedError } from './errors.js';
import type { WatchEvent } from './store.js';

/**
 * The history a hub catches lagging watchers up from. Reads are synchronous, so a catch-up read and the
 * switch back to live delivery happen in one turn of the event loop: nothing can be published in between.
 */
export interface EventHistory {
  /**
   * Up to `limit` events for keys under `prefix` with revisions in (afterRevision, untilRevision], in order.
   * @throws CompactedError when afterRevision is older than the last compaction.
   */
  readEvents(prefix: string, afterRevision: number, untilRevision: number, limit: number): WatchEvent[];
}

/** Past this many undelivered events a watcher stops buffering and is caught up from history instead. */
const MAX_QUEUED = 10_000;
/** Events read from history per catch-up step. */
const CATCH_UP_BATCH = 1_000;

class HubWatcher {
  readonly queue: WatchEvent[] = [];
  /** Every event at or below this revision has been queued or delivered (or did not match the prefix). */
  synced: number;
  /** The revision of the last event handed to the consumer, or the sync point when the queue drained. */
  delivered: number;
  live = false;
  ended = false;
  wake: (() => void) | undefined;

  constructor(
    readonly prefix: string,
    afterRevision: number,
  ) {
    this.synced = afterRevision;
    this.delivered = afterRevision;
  }

  notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/**
 * Fans the changes of one store out to any number of watchers: the store publishes each committed write
 * once, and every watcher whose prefix matches gets it. A watcher starting in the past, or one whose
 * consumer falls more than MAX_QUEUED events behind, reads from history until it reaches the head again.
 */
export class WatchHub {
  private readonly watchers = new Set<HubWatcher>();
  private head: number;
  private closed = false;

  constructor(
    private readonly history: EventHistory,
    headRevision: number,
    private readonly compactedRevision: () => number,
  ) {
    this.head = headRevision;
  }

  /**
   * Delivers one committed write (newer than any published before). `makeEvent` is called only when a
   * live watcher wants the key, so a store can skip building events (and reading previous values) that
   * nobody is waiting for. Every write must be published, wanted or not: it advances the hub's head.
   */
  publish(revision: number, key: string, makeEvent: () => WatchEvent): void {
    let event: WatchEvent | undefined;
    for (const w of this.watchers) {
      if (!w.live) continue;
      if (revision > w.synced && key.startsWith(w.prefix)) {
        event ??= makeEvent();
        w.queue.push(event);
        if (w.queue.length > MAX_QUEUED) {
          w.queue.length = 0;
          w.synced = w.delivered;
          w.live = false;
          w.notify();
          continue;
        }
        w.notify();
      }
      w.synced = Math.max(w.synced, revision);
    }
    this.head = revision;
  }

  /** The iteration described by `Store.watch`. */
  watch(prefix: string, afterRevision: number, signal?: AbortSignal): AsyncIterable<WatchEvent> {
    if (this.closed) throw new StoreClosedError();
    const compacted = this.compactedRevision();
    if (afterRevision < compacted) throw new CompactedError(afterRevision, compacted);
    const w = new HubWatcher(prefix, afterRevision);
    w.live = afterRevision >= this.head;
    this.watchers.add(w);
    const stop = (): void => {
      w.ended = true;
      w.notify();
    };
    signal?.addEventListener('abort', stop, { once: true });
    if (signal?.aborted) stop();
    return this.iterate(w, () => signal?.removeEventListener('abort', stop));
  }

  /** Ends every watch normally. */
  close(): void {
    this.closed = true;
    for (const w of this.watchers) {
      w.ended = true;
      w.notify();
    }
  }

  private async *iterate(w: HubWatcher, detach: () => void): AsyncGenerator<WatchEvent> {
    try {
      for (;;) {
        if (w.ended) return;
        const event = this.take(w);
        if (event !== undefined) {
          yield event;
          continue;
        }
        await new Promise<void>((resolve) => (w.wake = resolve));
      }
    } finally {
      this.watchers.delete(w);
      detach();
    }
  }

  /** The next event for `w`, catching it up from history when it is not live; undefined when none is ready. */
  private take(w: HubWatcher): WatchEvent | undefined {
    if (w.queue.length === 0 && !w.live) {
      const batch = this.history.readEvents(w.prefix, w.synced, this.head, CATCH_UP_BATCH);
      w.queue.push(...batch);
      const last = batch[batch.length - 1];
      if (batch.length < CATCH_UP_BATCH) {
        w.synced = this.head;
        w.live = true;
      } else if (last !== undefined) {
        w.synced = last.revision;
      }
    }
    const event = w.queue.shift();
    if (event !== undefined) w.delivered = event.revision;
    else w.delivered = w.synced;
    return event;
  }
}
