/** Checks every in-process backend applies the same way before it reads or writes. */
import { CompactedError, FutureRevisionError, ValueTooLargeError } from './errors.js';
import { MAX_VALUE_BYTES } from './store.js';

/**
 * The revision a read at `requested` uses (0 or absent: the latest).
 * @throws FutureRevisionError past the latest revision; CompactedError before the compacted one.
 */
export function readRevision(requested: number | undefined, latest: number, compacted: number): number {
  if (requested === undefined || requested === 0) return latest;
  if (requested > latest) throw new FutureRevisionError(requested, latest);
  if (requested < compacted) throw new CompactedError(requested, compacted);
  return requested;
}

/** @throws ValueTooLargeError for a value over etcd's limit. */
export function checkValueSize(key: string, value: Uint8Array): void {
  if (value.byteLength > MAX_VALUE_BYTES) throw new ValueTooLargeError(key, value.byteLength, MAX_VALUE_BYTES);
}
