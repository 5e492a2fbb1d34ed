/**
 * How objects are kept in the store: JSON of the object without metadata.resourceVersion (the store's
 * mod revision is the resourceVersion). And the one place storage errors become Status errors.
 */
import {
  CompactedError,
  FutureRevisionError,
  InvalidContinueError,
  StorageError,
  ValueTooLargeError,
} from '../../../storage/errors.js';
import type { KeyValue } from '../../../storage/store.js';
import {
  badRequest,
  internalError,
  requestEntityTooLarge,
  resourceExpired,
  serviceUnavailable,
  StatusError,
  timeout,
} from '../../../machinery/status.js';
import type { ApiObject } from '../strategy.js';

const decoder = new TextDecoder();

/** How a resource served in a version other than its storage version converts (see Resource.conversion). */
export interface Conversion {
  /** The stored object in the served version. */
  fromStorage(obj: ApiObject): ApiObject;
  /** The served version's object in the stored version. */
  toStorage(obj: ApiObject): ApiObject;
}

export function encodeObject(given: ApiObject, conversion?: Conversion): Uint8Array {
  return Buffer.from(encodeObjectText(given, conversion));
}

/** The text `encodeObject` stores: the object's JSON (in its storage version) without its resourceVersion. */
export function encodeObjectText(given: ApiObject, conversion?: Conversion): string {
  const obj = conversion ? conversion.toStorage(given) : given;
  const metadata = obj.metadata ?? {};
  const { resourceVersion: _rv, ...rest } = metadata as Record<string, unknown>;
  return JSON.stringify({ ...obj, metadata: rest });
}

/** The object in a store value, with its resourceVersion set from the store. */
export function decodeObject(kv: KeyValue, conversion?: Conversion): ApiObject {
  const text = Buffer.isBuffer(kv.value) ? kv.value.toString('utf8') : decoder.decode(kv.value);
  const stored = JSON.parse(text) as ApiObject;
  const obj = conversion ? conversion.fromStorage(stored) : stored;
  // The parsed metadata is this call's own: set the version in place.
  if (obj.metadata !== null && typeof obj.metadata === 'object' && !Array.isArray(obj.metadata)) {
    (obj.metadata as Record<string, unknown>)['resourceVersion'] = String(kv.modRevision);
  } else obj.metadata = { resourceVersion: String(kv.modRevision) };
  return obj;
}

/** A storage failure as the API reports it. StatusErrors pass through. */
export function toStatusError(err: unknown): StatusError {
  if (err instanceof StatusError) return err;
  if (err instanceof CompactedError) {
    return resourceExpired(`too old resource version: ${err.requestedRevision} (${err.compactedRevision})`);
  }
  if (err instanceof FutureRevisionError) {
    return timeout(`Too large resource version: ${err.requestedRevision}, current: ${err.currentRevision}`);
  }
  if (err instanceof InvalidContinueError) return badRequest(err.message);
  if (err instanceof ValueTooLargeError) return requestEntityTooLarge(`limit is ${err.limit}`);
  if (err instanceof StorageError && err.retryable)
    return serviceUnavailable(`storage is unavailable: ${err.message}`, 1);
  return internalError(err);
}
