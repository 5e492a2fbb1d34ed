/**
 * The control-plane components `skiff server` runs beside its API server, each through the API like a
 * separate process would: the scheduler and the controller manager (both under leader election, so a second
 * server or a standalone component can stand by). Their metrics join the API server's /metrics.
 */
import type { ApiServer } from '../apiserver/api-server.js';
import { RestClient } from '../client/rest/rest-client.js';
import type { ControllerOptions } from '../controllers/framework/controller-options.js';
import { runControllerManager } from '../controllers/framework/controller-manager.js';
import { controllerRegistry } from '../controllers/registry.js';
import { runScheduler } from '../scheduler/run-scheduler.js';
import type { Scheduler } from '../scheduler/scheduler.js';

export interface ComponentChoice {
  readonly scheduler: boolean;
  readonly controllerManager: boolean;
  readonly controllers: readonly string[];
  readonly controllerOptions: Partial<ControllerOptions>;
}

export interface RunningComponents {
  stop(): Promise<void>;
}

export function startComponents(server: ApiServer, choice: ComponentChoice): RunningComponents {
  const stop = new AbortController();
  const running: Promise<void>[] = [];
  const client = (component: string): RestClient =>
    RestClient.fromKubeconfig(server.kubeconfigPath, { component, qps: 5000, burst: 10000 });
  if (choice.scheduler) {
    let scheduler: Scheduler | undefined;
    server.metrics.addSource(() => scheduler?.metrics.render() ?? '');
    running.push(
      runScheduler({ client: client('skiff-scheduler'), onStarted: (s) => (scheduler = s) }, stop.signal).catch(
        report('scheduler'),
      ),
    );
  }
  if (choice.controllerManager) {
    running.push(
      runControllerManager(
        {
          client: client('skiff-controller-manager'),
          registry: controllerRegistry(),
          enabled: choice.controllers,
          options: choice.controllerOptions,
          leaderElect: true,
        },
        stop.signal,
      ).catch(report('controller-manager')),
    );
  }
  return {
    stop: async () => {
      stop.abort();
      await Promise.allSettled(running);
    },
  };
}

/** A component that fails is reported; the API server goes on serving. */
function report(component: string): (err: unknown) => void {
  return (err) =>
    console.error(`skiff server: ${component} stopped: ${err instanceof Error ? err.message : String(err)}`);
}
