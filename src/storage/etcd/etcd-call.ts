import type { KVClient } from 'etcd3';
import { StoreClosedError, UnavailableError } from '../errors.js';
import { describeFailure, isTransientFailure, wasNotApplied } from './etcd-errors.js';

/** What every etcd request needs to know about the store making it. */
export interface CallContext {
  /** The configured endpoints, for error messages. */
  readonly endpoints: readonly string[];
  /** How long one store call may take, retries included, before it fails with UnavailableError. */
  readonly timeoutMs: number;
  isClosed(): boolean;
}

/** Whether a request may be sent again after a failure that leaves its outcome unknown. */
export const Idempotence = {
  /** Reads: any transient failure is retried until the deadline. */
  Safe: 'safe',
  /** Writes: retried only when the failure proves etcd never applied them. */
  WriteOnce: 'writeOnce',
} as const;
export type Idempotence = (typeof Idempotence)[keyof typeof Idempotence];

/** gRPC call options (a deadline), typed through etcd3 so that gRPC need not be a direct dependency. */
export type CallOptions = NonNullable<Parameters<KVClient['range']>[1]>;

const FIRST_RETRY_MS = 20;
const MAX_RETRY_MS = 500;

/**
 * Runs one etcd request under a deadline of `ctx.timeoutMs`, retrying transient failures (no connection,
 * no leader, an election in progress) with a short backoff while time remains.
 *
 * Resolves with the response. Rejects with StoreClosedError when the store closes, UnavailableError when
 * time runs out or a write's outcome is unknown (both retryable by the caller), and otherwise with etcd's
 * own error, untranslated, for the caller to map with the request's context (key, revision).
 */
export async function callEtcd<T>(
  ctx: CallContext,
  what: string,
  idempotence: Idempotence,
  attempt: (options: CallOptions) => Promise<T>,
): Promise<T> {
  const started = Date.now();
  const deadline = started + ctx.timeoutMs;
  let delay = FIRST_RETRY_MS;
  for (;;) {
    if (ctx.isClosed()) throw new StoreClosedError();
    try {
      return await attempt({ deadline });
    } catch (err) {
      if (ctx.isClosed()) throw new StoreClosedError();
      if (!isTransientFailure(err)) throw err;
      const retry = idempotence === Idempotence.Safe || wasNotApplied(err);
      if (!retry) {
        throw new UnavailableError(
          `etcd ${what} failed and may or may not have been applied (${describeFailure(err)}); endpoints ${ctx.endpoints.join(', ')}`,
          err,
        );
      }
      if (Date.now() + delay >= deadline) {
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        throw new UnavailableError(
          `etcd ${what} failed for ${seconds}s (${describeFailure(err)}); endpoints ${ctx.endpoints.join(', ')}`,
          err,
        );
      }
      await sleep(delay);
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
