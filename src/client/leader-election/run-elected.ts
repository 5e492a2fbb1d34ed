/**
 * runElected: runs `work` only while this process holds the Lease `namespace/name` (as kube-scheduler and
 * kube-controller-manager do with `--leader-elect`). When leadership is lost, `work`'s signal aborts and the
 * candidate goes back to waiting; when `signal` aborts, the Lease is released so a standby takes over at once.
 */
import type { RestClient } from '../rest/rest-client.js';
import { LeaderElector } from './leader-elector.js';
import { LeaseLock } from './lease-lock.js';

export interface ElectionOptions {
  readonly namespace: string;
  readonly name: string;
  readonly identity: string;
  readonly leaseDurationMs?: number;
  readonly renewDeadlineMs?: number;
  readonly retryPeriodMs?: number;
  readonly onNewLeader?: (identity: string) => void;
}

export async function runElected(
  client: RestClient,
  options: ElectionOptions,
  work: (signal: AbortSignal) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  const lock = LeaseLock.of(client, options.namespace, options.name, options.identity);
  while (!signal.aborted) {
    // The elector stops when the work ends (it failed): the Lease is released so a standby takes over, and
    // this candidate contends again after a pause, rather than holding the Lease with nothing running.
    const electorStop = new AbortController();
    const relay = (): void => electorStop.abort();
    signal.addEventListener('abort', relay, { once: true });
    let running: Promise<void> = Promise.resolve();
    const elector = new LeaderElector({
      lock,
      leaseDurationMs: options.leaseDurationMs,
      renewDeadlineMs: options.renewDeadlineMs,
      retryPeriodMs: options.retryPeriodMs,
      callbacks: {
        onStartedLeading: (leading) => {
          running = work(leading)
            .catch((err: unknown) => {
              console.error(`${options.name}: ${err instanceof Error ? err.message : String(err)}`);
            })
            .finally(() => electorStop.abort());
        },
        onNewLeader: options.onNewLeader,
      },
    });
    await elector.run(electorStop.signal);
    signal.removeEventListener('abort', relay);
    await running;
    if (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, options.retryPeriodMs ?? 2000));
  }
}
