/** The events of a watch, as the API server streams them (`{"type": …, "object": …}` per line). */

export const WatchEventType = {
  Added: 'ADDED',
  Modified: 'MODIFIED',
  Deleted: 'DELETED',
  /** Carries only a newer `metadata.resourceVersion`: the watch has seen everything up to it. */
  Bookmark: 'BOOKMARK',
  /** Carries a Status; the watch ends after it. Surfaces as a thrown ApiError, never as an event. */
  Error: 'ERROR',
} as const;
export type WatchEventType = (typeof WatchEventType)[keyof typeof WatchEventType];

/** An event a watch yields: every type but ERROR. */
export interface WatchEvent<T> {
  readonly type: Exclude<WatchEventType, 'ERROR'>;
  readonly object: T;
}

/** An open watch: iterate it once for its events; `close` ends it (the iteration then finishes cleanly). */
export interface Watch<T> extends AsyncIterable<WatchEvent<T>> {
  close(): void;
}
