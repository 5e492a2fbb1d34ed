/**
 * Classification of the errors etcd3 (and gRPC under it) rejects with. etcd reports most conditions only as
 * message text (status codes are shared between several of them), so the checks here match the messages
 * etcd 3.4/3.5 send, e.g. "etcdserver: mvcc: required revision has been compacted".
 */
import { isRecoverableError } from 'etcd3';
import { CompactedError, FutureRevisionError, StorageError, UnavailableError, ValueTooLargeError } from '../errors.js';
import { MAX_VALUE_BYTES } from '../store.js';

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A read (or watch) at a revision older than etcd's last compaction. */
export function isCompactedFailure(err: unknown): boolean {
  return messageOf(err).includes('required revision has been compacted');
}

/** A read at a revision newer than etcd's latest one. */
export function isFutureRevisionFailure(err: unknown): boolean {
  return messageOf(err).includes('required revision is a future revision');
}

/** A request over etcd's `--max-request-bytes`, or over gRPC's message limit. */
export function isTooLargeFailure(err: unknown): boolean {
  const message = messageOf(err);
  return message.includes('request is too large') || message.includes('larger than max');
}

/** A put naming a lease that has expired or been revoked. */
export function isLeaseNotFoundFailure(err: unknown): boolean {
  return messageOf(err).includes('requested lease not found');
}

/** Every endpoint is in etcd3's circuit-breaker cool-down: the call was not sent anywhere. */
export function isBrokenCircuit(err: unknown): boolean {
  return (
    typeof err === 'object' && err !== null && (err as { isBrokenCircuitError?: unknown }).isBrokenCircuitError === true
  );
}

/**
 * Failures that can pass by themselves: no connection, no leader, a timeout, a member shutting down.
 * Anything else (a bad request, a compacted revision) fails the same way if retried.
 */
export function isTransientFailure(err: unknown): boolean {
  if (isBrokenCircuit(err)) return true;
  if (isTooLargeFailure(err) || isCompactedFailure(err) || isFutureRevisionFailure(err)) return false;
  if (err instanceof Error && isRecoverableError(err)) return true;
  const message = messageOf(err);
  return TRANSIENT_MESSAGES.some((m) => message.includes(m));
}

const TRANSIENT_MESSAGES = [
  'etcdserver: request timed out',
  'etcdserver: no leader',
  'etcdserver: leader changed',
  'etcdserver: too many requests',
  'etcdserver: server stopped',
  'etcdserver: not capable',
  'raft proposal dropped',
];

/**
 * Transient failures that prove the request never reached etcd's log, so a write can be retried without
 * risk of applying it twice. A timeout or a dropped connection proves nothing: the write may have been
 * committed, so those are reported to the caller instead of retried.
 */
export function wasNotApplied(err: unknown): boolean {
  if (isBrokenCircuit(err)) return true;
  const message = messageOf(err);
  return NOT_APPLIED_MESSAGES.some((m) => message.includes(m));
}

const NOT_APPLIED_MESSAGES = [
  'No connection established',
  'ECONNREFUSED',
  'etcdserver: no leader',
  'etcdserver: too many requests',
  'etcdserver: not capable',
  'raft proposal dropped',
];

/** A short description of a failure for messages and logs. */
export function describeFailure(err: unknown): string {
  if (isBrokenCircuit(err)) return 'every endpoint failed recently and is cooling down';
  // gRPC's text, e.g. "14 UNAVAILABLE: No connection established. Last error: Error: connect ECONNREFUSED …
  // Resolution note: ", shortened to "UNAVAILABLE: No connection established: connect ECONNREFUSED …".
  return messageOf(err)
    .replace(/^\w+Error: /, '')
    .replace(/^\d+ /, '')
    .replace(/\.? ?Resolution note:\s*$/, '')
    .replace(/\. Last error: (Error: )?/, ': ');
}

/** What a failed request was about, for its error message and fields. */
export interface FailureContext {
  /** The revision it read at (0: the latest). */
  readonly revision?: number;
  /** The key it wrote, and the size of the value. */
  readonly key?: string;
  readonly size?: number;
}

/** Revisions needed to describe compaction and future-revision failures; they must not reject. */
export interface FailureRevisions {
  compactedRevision(): Promise<number>;
  currentRevision(): Promise<number>;
}

/**
 * The store error for an etcd failure: CompactedError, FutureRevisionError and ValueTooLargeError for those
 * conditions, the error itself if it already is a StorageError, and UnavailableError for anything else
 * (a store throws nothing outside `errors.ts`).
 */
export async function toStorageError(
  err: unknown,
  what: string,
  about: FailureContext,
  revisions: FailureRevisions,
): Promise<StorageError> {
  if (err instanceof StorageError) return err;
  const revision = about.revision ?? 0;
  if (isCompactedFailure(err)) {
    return new CompactedError(revision, Math.max(await revisions.compactedRevision(), revision + 1));
  }
  if (isFutureRevisionFailure(err)) return new FutureRevisionError(revision, await revisions.currentRevision());
  if (isTooLargeFailure(err) && about.key !== undefined) {
    return new ValueTooLargeError(about.key, about.size ?? 0, MAX_VALUE_BYTES);
  }
  return new UnavailableError(`etcd ${what} failed: ${describeFailure(err)}`, err);
}
