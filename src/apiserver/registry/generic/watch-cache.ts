/**
 * The watch cache of one resource: the current objects and a window of recent changes, kept in memory from
 * one store watch, so that every client watch (and `resourceVersion=0` lists) is served from memory and
 * objects are decoded once, however many clients watch.
 */
import type { Store, WatchEvent } from '../../../storage/store.js';
import type { ApiObject } from '../strategy.js';
import { decodeObject, toStatusError } from './codec.js';
import type { Resource } from './resource.js';
import type { Selection } from './selection.js';
import type { WrittenObjects } from './written-objects.js';
import { type ApiWatchEvent, toApiEvent, watchFromStore, watchStart } from './watch.js';

interface CachedEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly key: string;
  readonly object: ApiObject;
  readonly prevObject: ApiObject | undefined;
  readonly revision: number;
}

interface Subscriber {
  readonly queue: CachedEvent[];
  wake: (() => void) | undefined;
  overflowed: boolean;
}

/** How many recent changes the cache keeps for watches that start in the past. */
const WINDOW = 10_000;
/** How many objects' serialized watch lines are kept. */
const RECENT_LINES = 512;
/** A client this far behind is disconnected (it re-watches from its last resourceVersion). */
const MAX_QUEUED = 10_000;

export class WatchCache {
  private readonly objects = new Map<string, ApiObject>();
  private readonly window: CachedEvent[] = [];
  private readonly subscribers = new Set<Subscriber>();
  /** Serialized watch lines of recent objects, oldest first (see `line`). */
  private readonly lines = new Map<ApiObject, Map<string, string>>();
  private revision = 0;
  private filled = false;
  private readonly ready: Promise<void>;
  private readonly controller = new AbortController();

  /**
   * @param written objects the registry wrote through this process, taken instead of decoding the store's
   *   bytes when a watch event carries them.
   */
  constructor(
    private readonly store: Store,
    private readonly resource: Resource,
    private readonly written?: WrittenObjects,
  ) {
    this.ready = this.fill();
  }

  /**
   * The object at `key` as the cache holds it now, or undefined when it holds none or is still filling.
   * Possibly a little behind the store. Shared: the caller must not change it.
   */
  peek(key: string): ApiObject | undefined {
    return this.filled ? this.objects.get(key) : undefined;
  }

  /**
   * The watch line (`{"type":…,"object":…}` and a newline) of an event about a cached object, with the type
   * meta in front: serialized once however many watchers send it (cached objects never change). The lines of
   * the last RECENT_LINES objects are kept: watchers send an event at about the same time.
   */
  line(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: ApiObject, apiVersion: string, kind: string): string {
    let lines = this.lines.get(object);
    if (lines === undefined) {
      lines = new Map();
      this.lines.set(object, lines);
      if (this.lines.size > RECENT_LINES) this.lines.delete(this.lines.keys().next().value as ApiObject);
    }
    const key = `${type} ${apiVersion} ${kind}`;
    let line = lines.get(key);
    if (line === undefined) {
      // The object's JSON, once per version whatever the event types: from the text stored when this process
      // wrote it, else serialized.
      const jsonKey = `json ${apiVersion} ${kind}`;
      const json =
        lines.get(jsonKey) ??
        this.written?.servedJson(object, apiVersion, kind, true) ??
        JSON.stringify({ apiVersion, kind, ...object });
      lines.set(jsonKey, json);
      line = `{"type":"${type}","object":${json}}\n`;
      lines.set(key, line);
    }
    return line;
  }

  /** The current objects under `namespace` (all when undefined) that `select` picks, in key order. */
  async list(
    namespace: string | undefined,
    select: Selection,
  ): Promise<{ items: ApiObject[]; resourceVersion: string }> {
    await this.ready;
    return this.snapshot(namespace, select);
  }

  /** The current objects, read without yielding: nothing can change between this and a subscription. */
  private snapshot(namespace: string | undefined, select: Selection): { items: ApiObject[]; resourceVersion: string } {
    const prefix = this.resource.keys.namespacePrefix(namespace);
    const items = [...this.objects.entries()]
      .filter(([key, obj]) => key.startsWith(prefix) && select.test(obj))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, obj]) => obj);
    return { items, resourceVersion: String(this.revision) };
  }

  /** A watch as `watchFromStore` describes it, served from memory when the window covers its start. */
  async *watch(
    namespace: string | undefined,
    select: Selection,
    options: { resourceVersion?: string; sendInitialEvents?: boolean; signal?: AbortSignal },
  ): AsyncGenerator<ApiWatchEvent> {
    await this.ready;
    const start = watchStart(options.resourceVersion);
    const oldest = this.window[0]?.revision ?? this.revision + 1;
    // Older than the window: the store's own history up to now (or 410), then the cache's live changes.
    let replay: { readonly from: number; readonly to: number } | undefined;
    if (start !== undefined && start < oldest - 1 && start < this.revision) {
      if (options.sendInitialEvents === true) {
        yield* watchFromStore(this.store, this.resource, namespace, select, options);
        return;
      }
      replay = { from: start, to: this.revision };
    }
    const prefix = this.resource.keys.namespacePrefix(namespace);
    const sub: Subscriber = { queue: [], wake: undefined, overflowed: false };
    const initial = replay === undefined && (options.sendInitialEvents ?? start === undefined);
    let after = replay?.to ?? start ?? this.revision;
    const backlog: ApiWatchEvent[] = [];
    if (initial) {
      const snapshot = this.snapshot(namespace, select);
      for (const object of snapshot.items) backlog.push({ type: 'ADDED', object });
      after = this.revision;
      if (options.sendInitialEvents === true)
        backlog.push({ type: 'BOOKMARK', resourceVersion: String(after), initialEventsEnd: true });
    } else if (replay === undefined) {
      for (const e of this.window) if (e.revision > after) sub.queue.push(e);
    }
    after = Math.max(after, ...sub.queue.map((e) => e.revision));
    this.subscribers.add(sub);
    const stop = (): void => sub.wake?.();
    options.signal?.addEventListener('abort', stop, { once: true });
    try {
      if (replay !== undefined && !(yield* this.replayFromStore(prefix, select, replay, options.signal))) return;
      yield* backlog;
      for (;;) {
        if (options.signal?.aborted || this.controller.signal.aborted) return;
        const event = sub.queue.shift();
        if (event === undefined) {
          if (sub.overflowed) return;
          await new Promise<void>((resolve) => (sub.wake = resolve));
          continue;
        }
        if (!event.key.startsWith(prefix)) continue;
        const out = filtered(event, select);
        if (out !== undefined) yield out;
      }
    } finally {
      this.subscribers.delete(sub);
      options.signal?.removeEventListener('abort', stop);
    }
  }

  /**
   * The store's changes under `prefix` in (from, to] as this watcher sees them; false when the watch must end
   * (its start was compacted: one 410 ERROR event was sent; or it was stopped).
   */
  private async *replayFromStore(
    prefix: string,
    select: Selection,
    replay: { readonly from: number; readonly to: number },
    signal: AbortSignal | undefined,
  ): AsyncGenerator<ApiWatchEvent, boolean> {
    const stop = new AbortController();
    const onAbort = (): void => stop.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const event of this.store.watch(prefix, { afterRevision: replay.from, signal: stop.signal })) {
        // Later changes reach this watcher through the cache.
        if (event.revision > replay.to) break;
        const out = toApiEvent(event, select, this.resource);
        if (out !== undefined) yield out;
        if (event.revision === replay.to) break;
      }
      return !stop.signal.aborted;
    } catch (err) {
      if (stop.signal.aborted) return false;
      yield { type: 'ERROR', object: toStatusError(err).status };
      return false;
    } finally {
      stop.abort();
      signal?.removeEventListener('abort', onAbort);
    }
  }

  close(): void {
    this.controller.abort();
    for (const sub of this.subscribers) sub.wake?.();
  }

  private async fill(): Promise<void> {
    const root = this.resource.keys.root;
    const listed = await this.store.list(root);
    for (const kv of listed.items) this.objects.set(kv.key, decodeObject(kv, this.resource.conversion));
    this.revision = listed.revision;
    this.filled = true;
    void this.follow(listed.revision);
  }

  private async follow(after: number): Promise<void> {
    try {
      for await (const event of this.store.watch(this.resource.keys.root, {
        afterRevision: after,
        signal: this.controller.signal,
      })) {
        this.apply(event);
      }
    } catch (err) {
      if (this.controller.signal.aborted) return;
      process.stderr.write(`apiserver: watch cache of ${this.resource.kind.plural} restarts: ${String(err)}\n`);
      this.filled = false;
      this.objects.clear();
      this.window.length = 0;
      for (const sub of this.subscribers) {
        sub.overflowed = true;
        sub.wake?.();
      }
      await this.fill();
    }
  }

  private apply(event: WatchEvent): void {
    const type = event.type === 'created' ? 'ADDED' : event.type === 'updated' ? 'MODIFIED' : 'DELETED';
    const key = event.kv.key;
    // The previous version is the one the cache holds (decoded already); the store's copy only if it lacks it.
    const held = this.objects.get(key);
    const prevObject =
      held ?? (event.prevKv === undefined ? undefined : decodeObject(event.prevKv, this.resource.conversion));
    // A deletion's object is the last version: the one held, with the deletion's revision.
    const object =
      type === 'DELETED' && held !== undefined
        ? { ...held, metadata: { ...held.metadata, resourceVersion: String(event.kv.modRevision) } }
        : // The stored text is kept for the watch lines only while someone watches.
          (this.written?.take(event.kv.value, event.kv.modRevision, this.subscribers.size > 0) ??
          decodeObject(event.kv, this.resource.conversion));
    if (type === 'DELETED') this.objects.delete(key);
    else this.objects.set(key, object);
    this.revision = event.revision;
    const cached: CachedEvent = { type, key, object, prevObject, revision: event.revision };
    this.window.push(cached);
    // Trimmed in steps, not by one element per event (each trim moves the whole window).
    if (this.window.length > WINDOW + WINDOW / 4) this.window.splice(0, this.window.length - WINDOW);
    for (const sub of this.subscribers) {
      if (sub.overflowed) continue;
      sub.queue.push(cached);
      if (sub.queue.length > MAX_QUEUED) {
        sub.queue.length = 0;
        sub.overflowed = true;
      }
      sub.wake?.();
      sub.wake = undefined;
    }
  }
}

/** The event one watcher sees: selection transitions turn MODIFIED into ADDED or DELETED. */
function filtered(event: CachedEvent, select: Selection): ApiWatchEvent | undefined {
  if (select.everything) return { type: event.type, object: event.object };
  const now = select.test(event.object);
  if (event.type !== 'MODIFIED') return now ? { type: event.type, object: event.object } : undefined;
  const before = event.prevObject !== undefined && select.test(event.prevObject);
  if (now) return { type: before ? 'MODIFIED' : 'ADDED', object: event.object };
  return before ? { type: 'DELETED', object: event.object } : undefined;
}
