/**
 * The closed set of errors a store throws. Expected outcomes (a key that exists, a compare-and-swap miss)
 * are not errors: see `WriteResult`. The API server translates these once, in its registry, into
 * Kubernetes `Status` errors (Compacted → 410 Expired, ValueTooLarge → 413 or 422, Unavailable → 503).
 */

export const StorageErrorCode = {
  Compacted: 'Compacted',
  FutureRevision: 'FutureRevision',
  InvalidContinue: 'InvalidContinue',
  ValueTooLarge: 'ValueTooLarge',
  Unavailable: 'Unavailable',
  Corrupt: 'Corrupt',
  Closed: 'Closed',
} as const;
export type StorageErrorCode = (typeof StorageErrorCode)[keyof typeof StorageErrorCode];

export class StorageError extends Error {
  /** Whether retrying the same call later can succeed. */
  readonly retryable: boolean;
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown; retryable?: boolean },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retryable = options?.retryable ?? false;
  }
}

/** The requested revision is older than the last compaction: its history is gone. */
export class CompactedError extends StorageError {
  constructor(
    readonly requestedRevision: number,
    readonly compactedRevision: number,
  ) {
    super(
      StorageErrorCode.Compacted,
      `required revision ${requestedRevision} has been compacted (compacted revision ${compactedRevision})`,
    );
  }
}

/** The requested revision is newer than the store's latest revision. */
export class FutureRevisionError extends StorageError {
  constructor(
    readonly requestedRevision: number,
    readonly currentRevision: number,
  ) {
    super(
      StorageErrorCode.FutureRevision,
      `required revision ${requestedRevision} is a future revision (current revision ${currentRevision})`,
      { retryable: true },
    );
  }
}

/** A list continuation token that is malformed or was issued for another prefix. */
export class InvalidContinueError extends StorageError {
  constructor(reason: string) {
    super(StorageErrorCode.InvalidContinue, `invalid continue token: ${reason}`);
  }
}

/** A value larger than the store accepts (etcd's request limit, 1.5 MiB). */
export class ValueTooLargeError extends StorageError {
  constructor(
    readonly key: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(StorageErrorCode.ValueTooLarge, `value for key "${key}" is ${size} bytes, over the limit of ${limit} bytes`);
  }
}

/** The backing store cannot be reached (etcd down, no quorum). Retrying later can succeed. */
export class UnavailableError extends StorageError {
  constructor(message: string, cause?: unknown) {
    super(StorageErrorCode.Unavailable, message, { cause, retryable: true });
  }
}

/** The database file is damaged or is not a Skiff database. Never "fixed" by resetting it. */
export class CorruptStoreError extends StorageError {
  constructor(message: string, cause?: unknown) {
    super(StorageErrorCode.Corrupt, message, { cause });
  }
}

/** The store has been closed. */
export class StoreClosedError extends StorageError {
  constructor() {
    super(StorageErrorCode.Closed, 'the store is closed');
  }
}
