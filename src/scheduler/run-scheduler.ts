/**
 * Runs a Scheduler for a configuration, under leader election when the configuration asks for it (the
 * `kube-system/kube-scheduler` Lease by default), so several schedulers can run and one acts.
 */
import type { RestClient } from '../client/rest/rest-client.js';
import { runElected } from '../client/leader-election/run-elected.js';
import { defaultConfiguration, type SchedulerConfiguration } from './config/types.js';
import type { SchedulerMetrics } from './metrics.js';
import { inTreeRegistry } from './registry.js';
import { Scheduler } from './scheduler.js';

export interface RunSchedulerOptions {
  readonly client: RestClient;
  readonly configuration?: SchedulerConfiguration;
  readonly identity?: string;
  /** Called with each scheduler built (one per term of leadership), e.g. to expose its metrics. */
  readonly onStarted?: (scheduler: Scheduler) => void;
}

/** Builds a scheduler once up front so that a bad configuration fails before anything runs. */
export function validateScheduler(options: RunSchedulerOptions): SchedulerMetrics {
  return new Scheduler({ client: options.client, configuration: options.configuration, registry: inTreeRegistry() })
    .metrics;
}

export async function runScheduler(options: RunSchedulerOptions, signal: AbortSignal): Promise<void> {
  const configuration = options.configuration ?? defaultConfiguration();
  const work = async (leading: AbortSignal): Promise<void> => {
    const scheduler = new Scheduler({ client: options.client, configuration, registry: inTreeRegistry() });
    options.onStarted?.(scheduler);
    await scheduler.run(leading);
  };
  const election = configuration.leaderElection;
  if (!election.leaderElect) return work(signal);
  await runElected(
    options.client,
    {
      namespace: election.resourceNamespace,
      name: election.resourceName,
      identity:
        options.identity ??
        `${process.env['HOSTNAME'] ?? 'skiff'}_${process.pid}_${Math.random().toString(16).slice(2, 10)}`,
      leaseDurationMs: election.leaseDurationMs,
      renewDeadlineMs: election.renewDeadlineMs,
      retryPeriodMs: election.retryPeriodMs,
    },
    work,
    signal,
  );
}
