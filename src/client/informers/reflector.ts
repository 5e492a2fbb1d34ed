/**
 * Reflector: keeps a store in step with one resource on the server. It lists (in pages of 500), hands the list
 * to the store, then watches from the list's resourceVersion (with bookmarks) and forwards every change.
 * A 410 (the version is too old) means relist at once; any other failure means relist after a back-off
 * (1 s doubling to 30 s, with jitter). A watch the server ends normally is simply reopened.
 */
import { type Clock, realClock, sleep, type Timer } from '../clock/clock.js';
import { isRecord, type KubeObject } from '../kube-object.js';
import { isGoneOrExpired } from '../rest/error-predicates.js';
import { type WatchEvent, WatchEventType } from '../watch/watch-event.js';
import { Backoff, type BackoffOptions } from './backoff.js';
import type { ReflectorStore } from './delta-fifo.js';
import { listAllPages } from './list-pager.js';
import type { ListerWatcher } from './list-watch.js';

export interface ReflectorOptions {
  /** Names the reflector in reported errors, e.g. `pods`. */
  readonly name?: string;
  /** Ask the store to resync every so often (0 or absent: never). */
  readonly resyncPeriodMs?: number;
  /** Items per list page (default 500). */
  readonly pageSize?: number;
  readonly clock?: Clock;
  /** For jitter and watch timeouts; Math.random by default. */
  readonly random?: () => number;
  readonly backoff?: Omit<BackoffOptions, 'clock' | 'random'>;
  /** Called with every failure the reflector recovers from (default: console.warn). */
  readonly onError?: (err: unknown) => void;
}

/** A watch that ended this fast without one event is treated as a failure, so that it is not reopened hot. */
const SHORT_WATCH_MS = 1000;
/** Watches ask the server to end them after 5 to 10 minutes, so that load spreads over servers. */
const MIN_WATCH_TIMEOUT_SECONDS = 300;

export class Reflector<T extends KubeObject> {
  private lastSyncRV = '';
  private readonly clock: Clock;
  private readonly random: () => number;

  constructor(
    private readonly lw: ListerWatcher<T>,
    private readonly store: ReflectorStore<T>,
    private readonly options: ReflectorOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? Math.random;
  }

  /** The resourceVersion of the last list or event seen ('' before the first list). */
  lastSyncResourceVersion(): string {
    return this.lastSyncRV;
  }

  /** Lists and watches until `signal` aborts; never rejects. */
  async run(signal: AbortSignal): Promise<void> {
    const backoff = new Backoff({ ...this.options.backoff, clock: this.clock, random: this.random });
    while (!signal.aborted) {
      try {
        await this.listAndWatch(signal);
      } catch (err) {
        if (signal.aborted) break;
        this.report(err);
        if (!(await sleep(this.clock, backoff.next(), signal))) break;
      }
    }
  }

  /** One list, then watches until a 410 (returns: relist) or a failure (throws) or the signal aborts. */
  private async listAndWatch(signal: AbortSignal): Promise<void> {
    const list = await listAllPages(this.lw, this.options.pageSize ?? 500, signal);
    if (signal.aborted) return;
    this.store.replace(list.items, list.resourceVersion);
    this.lastSyncRV = list.resourceVersion;
    const resync = this.startResync();
    try {
      while (!signal.aborted) {
        const expired = await this.watchOnce(signal);
        if (expired) return;
      }
    } finally {
      resync?.cancel();
    }
  }

  /** One watch from the last resourceVersion. Resolves `true` on a 410, `false` when it ended normally. */
  private async watchOnce(signal: AbortSignal): Promise<boolean> {
    const started = this.clock.now();
    let events = 0;
    try {
      const timeoutSeconds = Math.floor(MIN_WATCH_TIMEOUT_SECONDS * (1 + this.random()));
      const watch = await this.lw.watch({
        resourceVersion: this.lastSyncRV,
        allowWatchBookmarks: true,
        timeoutSeconds,
        signal,
      });
      const close = (): void => watch.close();
      signal.addEventListener('abort', close, { once: true });
      if (signal.aborted) close();
      try {
        for await (const event of watch) {
          events++;
          this.apply(event);
        }
      } finally {
        signal.removeEventListener('abort', close);
        watch.close();
      }
    } catch (err) {
      if (isGoneOrExpired(err)) return true;
      throw err;
    }
    if (!signal.aborted && events === 0 && this.clock.now() - started < SHORT_WATCH_MS) {
      throw new Error(`${this.options.name ?? 'reflector'}: very short watch: the server ended it at once`);
    }
    return false;
  }

  private apply(event: WatchEvent<T>): void {
    const object = event.object;
    if (!isRecord(object) || !isRecord(object.metadata)) {
      throw new Error(`${this.options.name ?? 'reflector'}: watch event ${event.type} has no object metadata`);
    }
    switch (event.type) {
      case WatchEventType.Added:
        this.store.add(object);
        break;
      case WatchEventType.Modified:
        this.store.update(object);
        break;
      case WatchEventType.Deleted:
        this.store.delete(object);
        break;
      case WatchEventType.Bookmark:
        break;
    }
    const rv = (object as KubeObject).metadata?.resourceVersion;
    if (typeof rv === 'string' && rv !== '') this.lastSyncRV = rv;
  }

  private startResync(): Timer | undefined {
    const period = this.options.resyncPeriodMs ?? 0;
    if (period <= 0) return undefined;
    let timer: Timer;
    const tick = (): void => {
      this.store.resync();
      timer = this.clock.setTimer(tick, period);
    };
    timer = this.clock.setTimer(tick, period);
    return { cancel: () => timer.cancel() };
  }

  private report(err: unknown): void {
    if (this.options.onError) this.options.onError(err);
    else console.warn(`${this.options.name ?? 'reflector'}: ${(err as Error)?.message ?? String(err)}`);
  }
}
