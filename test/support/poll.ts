import assert from 'node:assert/strict';

/** How long and how often {@link waitFor} probes. */
export interface PollOptions {
  /** Give up after this many milliseconds (default 30 000). */
  readonly timeoutMs?: number;
  /** Pause between probes (default 200 ms). */
  readonly intervalMs?: number;
}

/**
 * Probes until `done(value)` holds and returns that value; a probe that throws counts as not done.
 * @throws AssertionError naming `what` and showing the last value (or error) once the deadline passes.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  options: PollOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let last: unknown = 'nothing yet';
  for (;;) {
    try {
      const value = await probe();
      if (done(value)) return value;
      last = value;
    } catch (err) {
      last = err instanceof Error ? `error: ${err.message}` : err;
    }
    if (Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 200));
  }
  const shown = typeof last === 'string' ? last : JSON.stringify(last, null, 1);
  assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${shown}`);
}

/**
 * Probes for `forMs` (default 1 000 ms) and fails as soon as `holds(value)` does not: for what must not
 * happen yet. Returns the last value.
 * @throws AssertionError naming `what` with the value that broke it.
 */
export async function assertStays<T>(
  what: string,
  probe: () => Promise<T>,
  holds: (value: T) => boolean,
  forMs = 1_000,
): Promise<T> {
  const deadline = Date.now() + forMs;
  for (;;) {
    const value = await probe();
    if (!holds(value)) assert.fail(`expected ${what}; saw: ${JSON.stringify(value, null, 1)}`);
    if (Date.now() >= deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}
