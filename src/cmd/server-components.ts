/**
 * The control-plane components `skiff server` runs beside its API server, each through the API like a
 * separate process would: the scheduler and the controller manager (both under leader election, so a second
 * server or a standalone component can stand by), each on a worker thread of its own so that the API server,
 * the scheduler and the controllers run on different cores. The scheduler's metrics join the API server's
 * /metrics.
 */
import { Worker } from 'node:worker_threads';
import type { ApiServer } from '../apiserver/api-server.js';
import type { ControllerOptions } from '../controllers/framework/controller-options.js';
import type { ComponentWorkerData, ComponentWorkerMessage } from './component-worker.js';

export interface ComponentChoice {
  readonly scheduler: boolean;
  readonly controllerManager: boolean;
  readonly controllers: readonly string[];
  readonly controllerOptions: Partial<ControllerOptions>;
}

export interface RunningComponents {
  stop(): Promise<void>;
}

/**
 * The young generation of each component's heap: 96 MiB (32 MiB semi-spaces), twice V8's default. The
 * scheduler and the controller manager keep every object they watch, and under load they have thousands of
 * requests in flight: with the default, each young collection copied ~15 ms of survivors, several times a
 * second. Measured on the density bench: ~6% less CPU for the server process, ~50 MiB more resident memory.
 */
const WORKER_YOUNG_GENERATION_MB = 96;

export function startComponents(server: ApiServer, choice: ComponentChoice): RunningComponents {
  const workers: { worker: Worker; exited: Promise<void> }[] = [];
  const start = (component: ComponentWorkerData['component'], onMetrics?: (text: string) => void): void => {
    const data: ComponentWorkerData = {
      component,
      kubeconfigPath: server.kubeconfigPath,
      controllers: choice.controllers,
      controllerOptions: choice.controllerOptions,
    };
    const worker = new Worker(new URL('./component-worker.js', import.meta.url), {
      workerData: data,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    worker.on('message', (message: ComponentWorkerMessage) => {
      if ('metrics' in message) onMetrics?.(message.metrics);
      else report(component, message.failed);
    });
    worker.on('error', (err) => report(component, err.message));
    workers.push({ worker, exited: new Promise((resolve) => worker.once('exit', () => resolve())) });
  };
  if (choice.scheduler) {
    let metrics = '';
    server.metrics.addSource(() => metrics);
    start('scheduler', (text) => (metrics = text));
  }
  if (choice.controllerManager) start('controller-manager');
  return {
    stop: async () => {
      for (const { worker } of workers) worker.postMessage('stop');
      await Promise.all(
        workers.map(async ({ worker, exited }) => {
          // A component that does not stop in time is ended: the server's own shutdown must not hang.
          const forced = setTimeout(() => void worker.terminate(), 10_000);
          await exited;
          clearTimeout(forced);
        }),
      );
    },
  };
}

/** A component that fails is reported; the API server goes on serving. */
function report(component: string, message: string): void {
  console.error(`skiff server: ${component} stopped: ${message}`);
}
