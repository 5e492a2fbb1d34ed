/** The options of each verb of a ResourceClient (query parameters and bodies as the API defines them). */

export interface ListOptions {
  /** Label selector text, e.g. `app=web,tier!=db`. */
  readonly labelSelector?: string;
  /** Field selector text, e.g. `spec.nodeName=node-1`. */
  readonly fieldSelector?: string;
  /** At most this many items; the answer's `metadata.continue` fetches the next page. */
  readonly limit?: number;
  readonly continue?: string;
  /** Unset: the latest state (a quorum read); `0`: any state the server has cached. */
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  readonly signal?: AbortSignal;
}

export interface WatchOptions {
  /** Events after this version; unset: the current state as ADDED events, then changes. */
  readonly resourceVersion?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** Ask for BOOKMARK events, which carry only a newer resourceVersion. */
  readonly allowWatchBookmarks?: boolean;
  /** The server ends the watch after this long. */
  readonly timeoutSeconds?: number;
  /** Aborting it ends the watch cleanly. */
  readonly signal?: AbortSignal;
}

export interface WriteOptions {
  /** Validate and answer as if written, but write nothing (`dryRun=All`). */
  readonly dryRun?: boolean;
  /** Who makes the change, for managedFields. */
  readonly fieldManager?: string;
  readonly signal?: AbortSignal;
}

/** How a patch body is to be read. */
export const PatchType = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;
export type PatchType = keyof typeof PatchType;

export interface PatchOptions extends WriteOptions {
  /** Server-side apply only: take fields over from other managers. */
  readonly force?: boolean;
  /** Patch a subresource (`status`, `scale`) instead of the object. */
  readonly subresource?: string;
}

export interface Preconditions {
  readonly uid?: string;
  readonly resourceVersion?: string;
}

export interface DeleteOptions {
  readonly propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  readonly gracePeriodSeconds?: number;
  /** Delete only if the object still has this uid / resourceVersion (else 409 Conflict). */
  readonly preconditions?: Preconditions;
  readonly dryRun?: boolean;
  readonly signal?: AbortSignal;
}
