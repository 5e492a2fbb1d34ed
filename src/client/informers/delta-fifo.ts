/**
 * DeltaFIFO: the queue between a Reflector and the informer that applies changes. Each key is queued once,
 * with every change (delta) seen for it since it was queued, oldest first, so the consumer applies them in
 * order. A relist (`replace`) also queues a Deleted tombstone for every known key the new list lacks: that is
 * how deletions missed while the watch was down are found.
 */
import type { KubeObject } from '../kube-object.js';
import type { Store } from './indexer.js';
import { DeletedFinalStateUnknown, deletionHandlingKey } from './object-key.js';

export const DeltaType = {
  Added: 'Added',
  Updated: 'Updated',
  Deleted: 'Deleted',
  /** The object was in a relist (it may or may not have changed). */
  Replaced: 'Replaced',
  /** A periodic resync: the cached object, re-delivered unchanged. */
  Sync: 'Sync',
} as const;
export type DeltaType = (typeof DeltaType)[keyof typeof DeltaType];

export interface Delta<T> {
  readonly type: DeltaType;
  readonly object: T | DeletedFinalStateUnknown<T>;
}

/** What a Reflector writes to: the changes it lists and watches. */
export interface ReflectorStore<T> {
  add(obj: T): void;
  update(obj: T): void;
  delete(obj: T): void;
  /** The complete current state, after a (re)list at `resourceVersion`. */
  replace(items: readonly T[], resourceVersion: string): void;
  /** Re-deliver every cached object (periodic resync). */
  resync(): void;
}

/**
 * Rewrites an object as it is queued, before anything caches it or hands it on (client-go's TransformFunc):
 * e.g. {@link stripManagedFields}, so that a cache keeps only what its owner reads. It gets each listed or
 * watched object fresh from the decoder and may change it in place; it returns the object to queue. It must
 * keep the object's namespace and name: the object is queued under the key they made before it ran.
 */
export type TransformFunc<T> = (obj: T) => T;

export class DeltaFIFO<T extends KubeObject> implements ReflectorStore<T> {
  private readonly items = new Map<string, Delta<T>[]>();
  private queue: string[] = [];
  private head = 0;
  private populated = false;
  private initialPopulationCount = 0;
  private closed = false;
  private wake: (() => void) | undefined;
  /** Called once, when the FIFO first becomes synced (also when the initial list was empty). */
  onSynced: (() => void) | undefined;

  /**
   * @param knownObjects the cache the consumer maintains (its keys decide what a relist deletes).
   * @param transform applied to every object added, updated, replaced or deleted: not to a resync's objects
   *   (they come from the cache, transformed already) nor to tombstones (whose object is the cache's too).
   */
  constructor(
    private readonly knownObjects: Store<T>,
    private readonly transform?: TransformFunc<T>,
  ) {}

  add(obj: T): void {
    this.queueAction(DeltaType.Added, obj);
  }

  update(obj: T): void {
    this.queueAction(DeltaType.Updated, obj);
  }

  /** Queues a deletion, unless the object is neither cached nor queued (nothing to delete). */
  delete(obj: T): void {
    const key = deletionHandlingKey(obj);
    if (this.knownObjects.getByKey(key) === undefined && !this.items.has(key)) return;
    this.queueAction(DeltaType.Deleted, obj);
  }

  replace(items: readonly T[], _resourceVersion: string): void {
    const keys = new Set<string>();
    for (const obj of items) {
      keys.add(deletionHandlingKey(obj));
      this.queueAction(DeltaType.Replaced, obj);
    }
    for (const key of this.knownObjects.listKeys()) {
      if (keys.has(key)) continue;
      const last = this.knownObjects.getByKey(key);
      if (last !== undefined) this.queueAction(DeltaType.Deleted, new DeletedFinalStateUnknown(key, last));
    }
    for (const [key, deltas] of this.items) {
      if (keys.has(key) || this.knownObjects.getByKey(key) !== undefined) continue;
      const newest = deltas.at(-1)?.object;
      if (newest === undefined || deltas.at(-1)?.type === DeltaType.Deleted) continue;
      const obj = newest instanceof DeletedFinalStateUnknown ? newest.obj : newest;
      this.queueAction(DeltaType.Deleted, new DeletedFinalStateUnknown(key, obj));
    }
    if (!this.populated) {
      this.populated = true;
      this.initialPopulationCount = this.len();
      if (this.initialPopulationCount === 0) this.onSynced?.();
    }
  }

  /** Queues a Sync of every cached object that has nothing queued already. */
  resync(): void {
    for (const key of this.knownObjects.listKeys()) {
      if (this.items.has(key)) continue;
      const obj = this.knownObjects.getByKey(key);
      if (obj !== undefined) this.queueAction(DeltaType.Sync, obj);
    }
  }

  /**
   * Waits for a queued key, removes it and calls `process` with its deltas (oldest first) before returning:
   * the FIFO counts as synced only once the initial list has been processed, not merely popped. Resolves
   * `false` once the FIFO is closed (what is still queued then is dropped). One consumer at a time.
   */
  async pop(process: (deltas: readonly Delta<T>[], key: string) => void): Promise<boolean> {
    while (this.len() === 0 && !this.closed) await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.closed) return false;
    const key = this.queue[this.head++] as string;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    const deltas = this.items.get(key) ?? [];
    this.items.delete(key);
    try {
      process(deltas, key);
    } finally {
      if (this.initialPopulationCount > 0) {
        this.initialPopulationCount--;
        if (this.initialPopulationCount === 0) this.onSynced?.();
      }
    }
    return true;
  }

  /** Whether the first `replace` happened and everything it queued has been popped and processed. */
  hasSynced(): boolean {
    return this.populated && this.initialPopulationCount === 0;
  }

  /** How many keys are queued. */
  len(): number {
    return this.queue.length - this.head;
  }

  /** Makes `pop` resolve `false` from now on; later writes are ignored. */
  close(): void {
    this.closed = true;
    this.signal();
  }

  private queueAction(type: DeltaType, given: T | DeletedFinalStateUnknown<T>): void {
    if (this.closed) return;
    const object =
      this.transform === undefined || type === DeltaType.Sync || given instanceof DeletedFinalStateUnknown
        ? given
        : this.transform(given);
    const key = deletionHandlingKey(object);
    const existing = this.items.get(key);
    const deltas = dedupDeletions([...(existing ?? []), { type, object }]);
    if (existing === undefined) this.queue.push(key);
    this.items.set(key, deltas);
    this.signal();
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/** Two deletions in a row say one thing: keep the one that knows more (not a tombstone, when there is one). */
function dedupDeletions<T>(deltas: Delta<T>[]): Delta<T>[] {
  const last = deltas.at(-1);
  const before = deltas.at(-2);
  if (last?.type !== DeltaType.Deleted || before?.type !== DeltaType.Deleted) return deltas;
  const keep = last.object instanceof DeletedFinalStateUnknown ? before : last;
  return [...deltas.slice(0, -2), keep];
}
