/**
 * The storage seam: the etcd data model that the API server (and only the API server) is built on.
 *
 * A store holds keys (strings, by convention `/registry/<resource>/<namespace>/<name>`) with opaque byte
 * values. Every successful write increments one global revision; each key records the revision that
 * created it and the one that last modified it. Reads can look at the latest state or at any revision the
 * store still remembers; compaction forgets history older than a chosen revision.
 *
 * Expected outcomes are values, not exceptions: a `create` of an existing key or a compare-and-swap miss
 * returns `{ ok: false, current }`. Exceptions are for the unexpected and for bad input, and are always
 * one of the classes in `errors.ts`.
 */

/** One version of one key. */
export interface KeyValue {
  readonly key: string;
  /**
   * The stored bytes. Callers must not mutate them, nor a value after passing it to a write: a store may
   * keep and hand out the very array it was given.
   */
  readonly value: Uint8Array;
  /** The revision of the write that created this key (since its last deletion). */
  readonly createRevision: number;
  /** The revision of the write that produced this version. */
  readonly modRevision: number;
}

/** The outcome of a guarded write. */
export type WriteResult =
  /** The write happened at `revision`; `kv` is the new version, or for a delete the version removed. */
  | { readonly ok: true; readonly revision: number; readonly kv: KeyValue }
  /**
   * The guard failed: the key exists (create), does not exist, or has another mod revision (update,
   * delete). `current` is the key's latest version, or undefined when it does not exist.
   */
  | { readonly ok: false; readonly current: KeyValue | undefined };

export const WatchEventType = {
  Created: 'created',
  Updated: 'updated',
  Deleted: 'deleted',
} as const;
export type WatchEventType = (typeof WatchEventType)[keyof typeof WatchEventType];

/** One change of one key, as delivered by {@link Store.watch}. */
export interface WatchEvent {
  readonly type: WatchEventType;
  /** The revision of the write; always equals `kv.modRevision`. */
  readonly revision: number;
  /**
   * The new version; for a deletion, the deleted key's last value and createRevision, with modRevision set
   * to the deletion's revision (as a Kubernetes DELETED event carries the deletion's resourceVersion).
   */
  readonly kv: KeyValue;
  /** The version before this change: undefined for created, the replaced version for updated and deleted. */
  readonly prevKv: KeyValue | undefined;
}

export interface GetOptions {
  /** Read the key as it was at this revision (0 or absent: latest). Older than compaction: CompactedError. */
  readonly revision?: number;
}

export interface ListOptions {
  /**
   * Read the prefix as it was at this revision (0 or absent: latest). Older than compaction: CompactedError.
   * Ignored when `continue` is given: a continuation reads at the revision of the first page.
   */
  readonly revision?: number;
  /** At most this many items (0 or absent: all). */
  readonly limit?: number;
  /** The `continue` token of the previous page. A token for another prefix: InvalidContinueError. */
  readonly continue?: string;
}

export interface ListResult {
  /** The items in ascending key order. */
  readonly items: KeyValue[];
  /** The revision the list was read at; pass it to `watch` to see every later change. */
  readonly revision: number;
  /** Present when more items remain: pass it as `continue` to read the next page of the same snapshot. */
  readonly continue?: string;
  /** When `continue` is present, how many items remain after this page. */
  readonly remaining?: number;
}

export interface WriteOptions {
  /**
   * The key is deleted, with a `deleted` watch event, about this many seconds after the write (a lease).
   * A later write without `ttlSeconds` makes the key permanent again.
   */
  readonly ttlSeconds?: number;
}

export interface WatchOptions {
  /** Deliver every change with a revision greater than this one (the revision of a list or get). */
  readonly afterRevision: number;
  /** Aborting ends the iteration normally. */
  readonly signal?: AbortSignal;
}

/** The storage contract. Every implementation runs `store.conformance.ts`. */
export interface Store {
  /**
   * The latest version of `key`, or its version at `options.revision`; undefined if it does not exist there.
   * @throws CompactedError when the revision has been compacted.
   */
  get(key: string, options?: GetOptions): Promise<KeyValue | undefined>;

  /**
   * The keys starting with `prefix` at one revision, in key order, a page at a time. All pages of one
   * listing see the same snapshot, however many writes happen in between.
   * @throws CompactedError when the revision (or a continuation's revision) has been compacted.
   * @throws InvalidContinueError when the continue token is malformed or belongs to another prefix.
   */
  list(prefix: string, options?: ListOptions): Promise<ListResult>;

  /** How many keys start with `prefix` now. */
  count(prefix: string): Promise<number>;

  /**
   * Creates `key` only if it does not exist. On success the new version's createRevision and modRevision
   * are the write's revision. If the key exists: `{ ok: false, current }`.
   * @throws ValueTooLargeError when the value is over {@link MAX_VALUE_BYTES}.
   */
  create(key: string, value: Uint8Array, options?: WriteOptions): Promise<WriteResult>;

  /**
   * Replaces `key`'s value only if its latest modRevision is `expectedModRevision` (compare-and-swap).
   * A miss, or a missing key, is `{ ok: false, current }`.
   * @throws ValueTooLargeError when the value is over {@link MAX_VALUE_BYTES}.
   */
  update(key: string, value: Uint8Array, expectedModRevision: number, options?: WriteOptions): Promise<WriteResult>;

  /**
   * Deletes `key`, only if its latest modRevision is `expectedModRevision` when that is given. The result's
   * `kv` is the deleted version. A miss, or a missing key, is `{ ok: false, current }`.
   */
  delete(key: string, expectedModRevision?: number): Promise<WriteResult>;

  /**
   * Every change to keys starting with `prefix` after `options.afterRevision`, in revision order, with no
   * gaps and no duplicates, until the signal aborts or the store closes (then the iteration ends normally).
   * A consumer that falls behind does not make the store buffer without bound: it is caught up from history.
   * @throws CompactedError (from the iteration) when the changes it must deliver have been compacted away,
   *   at the start or, for a consumer far behind, later.
   */
  watch(prefix: string, options: WatchOptions): AsyncIterable<WatchEvent>;

  /** The latest revision: that of the last write (a store never written is at 0, etcd at 1). */
  currentRevision(): Promise<number>;

  /**
   * Forgets history up to `revision`: reads at older revisions and watches from before it then fail with
   * CompactedError. The latest version of every key is kept. Compacting to a revision already compacted
   * is a no-op; to a future revision is an error.
   */
  compact(revision: number): Promise<void>;

  /** The revision of the last compaction (0 if none): reads at revisions below it fail. */
  compactedRevision(): Promise<number>;

  /** Releases resources. Watches end; later calls fail with StoreClosedError. Idempotent. */
  close(): Promise<void>;
}

/** etcd's own request limit (1.5 MiB); every backend refuses larger values the same way. */
export const MAX_VALUE_BYTES = 1.5 * 1024 * 1024;
