import { UnavailableError } from '../errors.js';
import { sleep } from './etcd-call.js';
import { describeFailure, isBrokenCircuit } from './etcd-errors.js';

export interface WaitForEtcdOptions {
  readonly endpoints: readonly string[];
  /** Give up after this long. */
  readonly deadlineMs: number;
  /** How long one attempt may take (an endpoint that accepts connections but has no quorum hangs). */
  readonly attemptTimeoutMs: number;
  /** The first wait between attempts; each later one doubles, up to `maxDelayMs`. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Receives one line per failed attempt. */
  readonly log: (line: string) => void;
}

/**
 * Calls `probe` until it resolves, waiting with exponential backoff between attempts and logging each
 * failure, for at most `deadlineMs`. `probe` receives the time its attempt must finish by.
 * @throws UnavailableError naming the endpoints when the deadline passes.
 */
export async function waitForEtcd(
  probe: (deadline: number) => Promise<void>,
  options: WaitForEtcdOptions,
): Promise<void> {
  const started = Date.now();
  const giveUpAt = started + options.deadlineMs;
  const where = options.endpoints.join(', ');
  let delay = options.initialDelayMs;
  let reason = '';
  for (let attempt = 1; ; attempt++) {
    try {
      await probe(Math.min(giveUpAt, Date.now() + options.attemptTimeoutMs));
      return;
    } catch (err) {
      const remaining = giveUpAt - Date.now();
      // While etcd3 lets the endpoints cool down the attempt is not even sent: keep the last real reason.
      reason = isBrokenCircuit(err) && reason !== '' ? reason : describeFailure(err);
      if (remaining <= 0) {
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        throw new UnavailableError(
          `etcd is unreachable at ${where} (gave up after ${seconds}s, ${attempt} attempts): ${reason}`,
          err,
        );
      }
      const wait = Math.min(delay, remaining);
      options.log(
        `etcd at ${where} is not ready (attempt ${attempt}: ${reason}); retrying in ${(wait / 1000).toFixed(1)}s`,
      );
      await sleep(wait);
      delay = Math.min(delay * 2, options.maxDelayMs);
    }
  }
}
