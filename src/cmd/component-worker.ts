/**
 * One control-plane component of `skiff server` on a thread of its own: the scheduler or the controller
 * manager, talking to the API server through the API like a separate process would, but in the server's
 * process. JavaScript runs one thread per event loop, so this is what lets the API server, the scheduler and
 * the controllers use more than one core. Messages in: `'stop'`. Out: `{ metrics }` (the scheduler's, every
 * second) and `{ failed }` when the component stops with an error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RestClient } from '../client/rest/rest-client.js';
import type { ControllerOptions } from '../controllers/framework/controller-options.js';
import { runControllerManager } from '../controllers/framework/controller-manager.js';
import { controllerRegistry } from '../controllers/registry.js';
import { runScheduler } from '../scheduler/run-scheduler.js';
import type { Scheduler } from '../scheduler/scheduler.js';

/** What the server tells the thread (plain data: it crosses threads by structured clone). */
export interface ComponentWorkerData {
  readonly component: 'scheduler' | 'controller-manager';
  readonly kubeconfigPath: string;
  readonly controllers: readonly string[];
  readonly controllerOptions: Partial<ControllerOptions>;
}

export type ComponentWorkerMessage = { readonly metrics: string } | { readonly failed: string };

/** How often the scheduler's metrics are sent to the server's /metrics. */
const METRICS_INTERVAL_MS = 1_000;

const port = parentPort;
if (port === null) throw new Error('component-worker runs as a worker thread');
const data = workerData as ComponentWorkerData;
const stop = new AbortController();
port.on('message', (message: unknown) => {
  if (message === 'stop') stop.abort();
});

const client = RestClient.fromKubeconfig(data.kubeconfigPath, {
  component: data.component === 'scheduler' ? 'skiff-scheduler' : 'skiff-controller-manager',
  qps: 5000,
  burst: 10000,
});

async function run(): Promise<void> {
  if (data.component === 'scheduler') {
    let scheduler: Scheduler | undefined;
    const timer = setInterval(() => {
      if (scheduler !== undefined) port?.postMessage({ metrics: scheduler.metrics.render() });
    }, METRICS_INTERVAL_MS);
    try {
      await runScheduler({ client, onStarted: (s) => (scheduler = s) }, stop.signal);
    } finally {
      clearInterval(timer);
    }
    return;
  }
  await runControllerManager(
    {
      client,
      registry: controllerRegistry(),
      enabled: data.controllers,
      options: data.controllerOptions,
      leaderElect: true,
    },
    stop.signal,
  );
}

try {
  await run();
} catch (err) {
  port.postMessage({ failed: err instanceof Error ? err.message : String(err) });
} finally {
  client.close();
  port.close();
}
