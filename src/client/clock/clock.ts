/**
 * Time as the client sees it. Everything in src/client that waits (rate limiters, back-off, resync, delaying
 * queues, leader election) takes a Clock, so tests drive time with a FakeClock instead of sleeping.
 * Times are milliseconds since the Unix epoch; durations are milliseconds.
 */

/** A scheduled callback; `cancel` is idempotent and harmless after the callback ran. */
export interface Timer {
  cancel(): void;
}

export interface Clock {
  /** The current time, in milliseconds since the epoch. */
  now(): number;
  /** Runs `callback` once, `delayMs` from now (immediately-ish when `delayMs <= 0`). */
  setTimer(callback: () => void, delayMs: number): Timer;
}

/** The wall clock, over the global timers. Stateless, so one shared instance is safe. */
export const realClock: Clock = Object.freeze({
  now: () => Date.now(),
  setTimer(callback: () => void, delayMs: number): Timer {
    const handle = setTimeout(callback, Math.max(0, delayMs));
    return { cancel: () => clearTimeout(handle) };
  },
});

/**
 * Waits `delayMs` on `clock`. Resolves `true` when the time passed, `false` as soon as `signal` aborts
 * (and at once when it already has). Never rejects.
 */
export function sleep(clock: Clock, delayMs: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      timer.cancel();
      resolve(false);
    };
    const timer = clock.setTimer(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, delayMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
