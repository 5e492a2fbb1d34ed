/**
 * Slow start (upstream slowStartBatch): calls that would all fail the same way (a quota, a webhook) should
 * fail once, not a thousand times. Calls run in batches of 1, 2, 4, …; the calls of a batch run
 * concurrently; the first batch with a failure ends the run after it completes.
 */

/** Upstream SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

export interface SlowStartResult {
  /** Calls that succeeded. */
  readonly successes: number;
  /** The first failure of the batch that stopped the run, if any. */
  readonly error?: unknown;
}

/**
 * Calls `fn` up to `count` times in doubling batches starting at `initialBatchSize`. Never rejects: a failure
 * is returned with the number of calls that succeeded (calls never attempted count as neither).
 */
export async function slowStartBatch(
  count: number,
  initialBatchSize: number,
  fn: () => Promise<void>,
): Promise<SlowStartResult> {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, () => fn()));
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += batch - failures.length;
    if (failures.length > 0) return { successes, error: failures[0]?.reason };
    remaining -= batch;
  }
  return { successes };
}
