/** Test helpers for asynchronous code driven by a FakeClock. */
import { setImmediate as immediate, setTimeout as delay } from 'node:timers/promises';

/** Lets pending promise callbacks and I/O callbacks run: `rounds` turns of the event loop. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await immediate();
}

/**
 * Turns the event loop until `condition` holds, failing after `timeoutMs` of real time. Use it to reach a
 * state (a request served, a timer set) before stepping a FakeClock.
 */
export async function until(condition: () => boolean, what = 'condition', timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let round = 0; !condition(); round++) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    if (round % 50 === 49) await delay(1);
    else await immediate();
  }
}
