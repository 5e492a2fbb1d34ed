/**
 * SharedInformer: one list-and-watch of a resource, shared by every handler and lister that needs it. A
 * Reflector feeds a DeltaFIFO; the informer pops each key's deltas, applies them to its Indexer, then tells
 * the handlers. Objects in the cache (and those given to handlers) must never be mutated: copy before changing.
 */
import { type Clock, realClock } from '../clock/clock.js';
import type { KubeObject } from '../kube-object.js';
import { deepFreeze } from './deep-freeze.js';
import { type Delta, DeltaFIFO, DeltaType, type TransformFunc } from './delta-fifo.js';
import type { HandlerRegistration, ResourceEventHandler } from './event-handler.js';
import { Indexer, type Indexers } from './indexer.js';
import type { ListerWatcher } from './list-watch.js';
import { DeletedFinalStateUnknown, deletionHandlingKey } from './object-key.js';
import { Reflector, type ReflectorOptions } from './reflector.js';

export interface SharedInformerOptions<T> extends Omit<ReflectorOptions, 'onError'> {
  /** Extra indexes beside the built-in `namespace` one. */
  readonly indexers?: Indexers<T>;
  /** Rewrites each object before it is cached or handed to handlers (see TransformFunc). */
  readonly transform?: TransformFunc<T>;
  /** Deep-freeze every object before caching it, so that a mutating caller throws (meant for tests). */
  readonly freezeObjects?: boolean;
  /** Called with reflector failures (it recovers) and handler exceptions (skipped); default console.warn. */
  readonly onError?: (err: unknown) => void;
}

export class SharedInformer<T extends KubeObject> {
  /** The cache. Read it (or a Lister over it); never write to it, never mutate what it returns. */
  readonly indexer: Indexer<T>;
  private readonly fifo: DeltaFIFO<T>;
  private readonly reflector: Reflector<T>;
  private readonly handlers = new Set<ResourceEventHandler<T>>();
  private readonly syncWaiters = new Set<(synced: boolean) => void>();
  private readonly clock: Clock;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    lw: ListerWatcher<T>,
    private readonly options: SharedInformerOptions<T> = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.indexer = new Indexer<T>(options.indexers ?? {});
    this.fifo = new DeltaFIFO<T>(this.indexer, options.transform);
    this.reflector = new Reflector<T>(lw, this.fifo, {
      ...options,
      clock: this.clock,
      onError: (err) => this.report(err),
    });
  }

  /**
   * Adds a handler. If the informer already has objects, the handler first gets an onAdd for each (marked
   * as initial list), then every change from then on.
   */
  addEventHandler(handler: ResourceEventHandler<T>): HandlerRegistration {
    this.handlers.add(handler);
    for (const obj of this.indexer.list()) this.call(() => handler.onAdd?.(obj, true));
    return { remove: () => this.handlers.delete(handler), hasSynced: () => this.hasSynced() };
  }

  /** Adds indexes to the cache (built over what it holds already). */
  addIndexers(indexers: Indexers<T>): void {
    this.indexer.addIndexers(indexers);
  }

  /** Whether the first full list has been applied to the cache and delivered to the handlers. */
  hasSynced(): boolean {
    return this.fifo.hasSynced();
  }

  /** Resolves `true` once synced, `false` if `signal` aborts or the informer stops first. */
  waitForSync(signal?: AbortSignal): Promise<boolean> {
    if (this.hasSynced()) return Promise.resolve(true);
    if (this.stopped || signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (synced: boolean): void => {
        this.syncWaiters.delete(done);
        signal?.removeEventListener('abort', onAbort);
        resolve(synced);
      };
      const onAbort = (): void => done(false);
      this.syncWaiters.add(done);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** The resourceVersion the cache is at, as far as the reflector knows. */
  lastSyncResourceVersion(): string {
    return this.reflector.lastSyncResourceVersion();
  }

  /**
   * Runs the informer until `signal` aborts; resolves once it has stopped. An informer runs once: calling
   * again returns the same promise.
   */
  run(signal: AbortSignal): Promise<void> {
    this.running ??= this.loop(signal);
    return this.running;
  }

  private async loop(signal: AbortSignal): Promise<void> {
    const stop = (): void => this.fifo.close();
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
    this.fifo.onSynced = () => {
      for (const w of [...this.syncWaiters]) w(true);
    };
    const reflecting = this.reflector.run(signal);
    try {
      while (await this.fifo.pop((deltas) => this.process(deltas))) {
        if (this.syncWaiters.size > 0 && this.hasSynced()) for (const w of [...this.syncWaiters]) w(true);
      }
    } finally {
      this.stopped = true;
      for (const w of [...this.syncWaiters]) w(false);
      await reflecting;
    }
  }

  private process(deltas: readonly Delta<T>[]): void {
    for (const delta of deltas) {
      if (delta.type === DeltaType.Deleted) {
        this.indexer.deleteByKey(deletionHandlingKey(delta.object));
        this.notify((h) => h.onDelete?.(delta.object));
        continue;
      }
      if (delta.object instanceof DeletedFinalStateUnknown) continue;
      const obj = this.options.freezeObjects ? deepFreeze(delta.object) : delta.object;
      const old = this.indexer.get(obj);
      if (old !== undefined) {
        this.indexer.update(obj);
        this.notify((h) => h.onUpdate?.(old, obj));
      } else {
        const initial = !this.hasSynced();
        this.indexer.add(obj);
        this.notify((h) => h.onAdd?.(obj, initial));
      }
    }
  }

  private notify(call: (handler: ResourceEventHandler<T>) => void): void {
    for (const handler of [...this.handlers]) this.call(() => call(handler));
  }

  private call(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.report(err);
    }
  }

  private report(err: unknown): void {
    if (this.options.onError) this.options.onError(err);
    else console.warn(`${this.options.name ?? 'informer'}: ${(err as Error)?.message ?? String(err)}`);
  }
}
