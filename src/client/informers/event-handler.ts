/** What an informer tells its handlers. Handlers run one at a time, in the order events happened. */
import type { DeletedFinalStateUnknown } from './object-key.js';

/**
 * Callbacks for changes to cached objects. They receive the cached objects themselves: never mutate them.
 * Keep them quick (the informer waits for them): typically they enqueue a key on a work queue.
 */
export interface ResourceEventHandler<T> {
  /** A new object; `isInInitialList` while the informer delivers its first list (or replays it to a late handler). */
  onAdd?(obj: T, isInInitialList: boolean): void;
  /** A changed object, or the same one again on a resync or relist (compare resourceVersions to tell). */
  onUpdate?(oldObj: T, newObj: T): void;
  /** A deleted object, or a tombstone when the deletion happened while the watch was down. */
  onDelete?(obj: T | DeletedFinalStateUnknown<T>): void;
}

/** The handle of an added handler. */
export interface HandlerRegistration {
  /** Stops delivering events to the handler. */
  remove(): void;
  /** Whether the handler has received the informer's initial list. */
  hasSynced(): boolean;
}
