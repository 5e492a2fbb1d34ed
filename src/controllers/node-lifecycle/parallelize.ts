/** Bounded parallelism (upstream workqueue.ParallelizeUntil): `work` for every item, at most `workers` at a time. */

/**
 * Runs `work(item)` for every item with at most `workers` in flight; resolves when all are done. A rejection
 * of one item does not stop the others; the first one is rethrown at the end.
 */
export async function parallelize<T>(
  workers: number,
  items: readonly T[],
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, items.length)) }, worker));
  if (failure !== undefined) throw failure.err;
}
