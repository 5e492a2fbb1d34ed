/**
 * Workers over a rate-limited queue: `count` loops take keys and process them; a key whose processing throws
 * comes back after the queue's back-off, one that succeeds has its failures forgotten. This bounds how many
 * writes the simulator has in flight however many nodes and pods it plays.
 */
import type { RateLimitingQueue } from '../client/index.js';

/**
 * Runs `count` workers until `queue` shuts down and is drained; resolves when the last one has finished.
 * @param process handles one key; throwing requeues it rate-limited and reports the error to `onError`.
 */
export async function runWorkers<K>(
  queue: RateLimitingQueue<K>,
  count: number,
  process: (key: K) => Promise<void>,
  onError: (err: unknown) => void,
): Promise<void> {
  const worker = async (): Promise<void> => {
    for (;;) {
      const next = await queue.get();
      if (next.shutdown) return;
      try {
        await process(next.item);
        queue.forget(next.item);
      } catch (err) {
        if (!queue.shuttingDown()) {
          onError(err);
          queue.addRateLimited(next.item);
        }
      } finally {
        queue.done(next.item);
      }
    }
  };
  await Promise.all(Array.from({ length: count }, () => worker()));
}

/**
 * Calls `fn` for every item, at most `limit` at a time; resolves when all have finished, or rejects with the
 * first failure (after the calls already running have settled; no new ones start).
 */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        await fn(items[index] as T, index);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, () => lane()));
  if (failure !== undefined) throw failure.err;
}
