/**
 * How a StatefulSet sync walks its pods (upstream runForAll): in order, stopping at the first pod that
 * blocks or fails (OrderedReady), or all at once in slow-start batches of 1, 2, 4 … up to 500 (Parallel),
 * where a batch with failures ends the walk and reports them together.
 */
import { aggregate } from './aggregate-error.js';

/** Upstream MaxBatchSize: writes in flight at most in Parallel mode. */
export const MAX_BATCH_SIZE = 500;

/**
 * Calls `fn(i)` for i in [0, count). `fn` resolves true when the walk must stop (OrderedReady only) and
 * rejects on failure. Resolves true when the walk stopped early; rejects with the failure(s).
 */
export async function runForAll(
  count: number,
  fn: (i: number) => Promise<boolean>,
  monotonic: boolean,
): Promise<boolean> {
  if (monotonic) {
    for (let i = 0; i < count; i++) if (await fn(i)) return true;
    return false;
  }
  let next = 0;
  for (let batch = Math.min(count, 1); batch > 0; batch = Math.min(2 * batch, count - next, MAX_BATCH_SIZE)) {
    const indexes = Array.from({ length: batch }, (_, k) => next + k);
    next += batch;
    const results = await Promise.allSettled(indexes.map((i) => fn(i)));
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason);
    const error = aggregate(failures);
    if (error !== undefined) throw error;
  }
  return false;
}
