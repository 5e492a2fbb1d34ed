/**
 * For controller tests: a real `skiff server` (no scheduler, no controllers of its own), a client on its
 * kubeconfig, and a ControllerContext over a fresh informer factory, so that a test builds the controller
 * under test, starts it, and drives the cluster through the API. Test code only (dist must be built).
 */
import { setMaxListeners } from 'node:events';
import { realClock } from '../../client/clock/clock.js';
import { SharedInformerFactory } from '../../client/informers/shared-informer-factory.js';
import { MemoryEventRecorder } from '../../client/record/event-recorder.js';
import { RestClient } from '../../client/rest/rest-client.js';
import type { Controller, ControllerContext } from '../framework/controller.js';
import { type ControllerOptions, DEFAULT_CONTROLLER_OPTIONS } from '../framework/controller-options.js';
import { startTestCluster, type TestCluster } from '../../../test/support/cluster.js';

export interface ControllerHarness {
  readonly cluster: TestCluster;
  readonly client: RestClient;
  readonly recorder: MemoryEventRecorder;
  /** A context over a new informer factory (one per controller run). */
  context(options?: Partial<ControllerOptions>): ControllerContext;
  /** Starts the factory's informers, waits for their caches, then runs `controller` until `stop`. */
  run(context: ControllerContext, controller: Controller): Promise<{ stop(): Promise<void> }>;
  stop(): Promise<void>;
}

/** Starts a server for one test file. */
export async function startControllerHarness(): Promise<ControllerHarness> {
  const cluster = await startTestCluster(['--store', 'memory', '--disable-scheduler', '--disable-controller-manager']);
  const client = RestClient.fromKubeconfig(cluster.kubeconfig, { component: 'controller-test', qps: Infinity });
  const recorder = new MemoryEventRecorder();
  return {
    cluster,
    client,
    recorder,
    context: (options = {}) => ({
      client,
      informers: new SharedInformerFactory(client, { freezeObjects: true }),
      clock: realClock,
      recorder: () => recorder,
      options: { ...DEFAULT_CONTROLLER_OPTIONS, ...options },
    }),
    async run(context, controller) {
      const abort = new AbortController();
      // Every informer listens on the one signal.
      setMaxListeners(0, abort.signal);
      context.informers.start(abort.signal);
      await context.informers.waitForCacheSync(abort.signal);
      const running = controller.run(abort.signal);
      return {
        stop: async () => {
          abort.abort();
          await running;
          await context.informers.shutdown();
        },
      };
    },
    async stop() {
      client.close();
      await cluster.stop();
    },
  };
}

/** Polls `check` (every 50 ms) until it returns a value other than undefined; fails after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
