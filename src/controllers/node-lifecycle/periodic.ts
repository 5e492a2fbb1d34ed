/** Running something every so often until a signal aborts (upstream wait.Until, sliding: the period starts after each run). */
import { type Clock, sleep } from '../../client/clock/clock.js';

/**
 * Calls `fn`, waits `periodMs`, calls it again, … until `signal` aborts; resolves then. A rejection of `fn` is
 * reported to `onError` and the loop goes on.
 */
export async function every(
  clock: Clock,
  periodMs: number,
  signal: AbortSignal,
  fn: () => Promise<void>,
  onError: (err: unknown) => void,
): Promise<void> {
  while (!signal.aborted) {
    try {
      await fn();
    } catch (err) {
      onError(err);
    }
    if (!(await sleep(clock, periodMs, signal))) return;
  }
}
