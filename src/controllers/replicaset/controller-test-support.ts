/**
 * For the workload controllers' tests: a real `skiff server` with its own scheduler and controllers off, the
 * controllers under test run in the test process over a SharedInformerFactory, and the kubelet's part
 * (binding, Running, Ready) played by the test through the API.
 */
import { setMaxListeners } from 'node:events';
import type { Pod } from '../../api/core/v1/pod.js';
import { realClock } from '../../client/clock/clock.js';
import { SharedInformerFactory } from '../../client/informers/shared-informer-factory.js';
import { ApiEventRecorder, type EventRecorder } from '../../client/record/event-recorder.js';
import { isConflict, isNotFound } from '../../client/rest/error-predicates.js';
import { RestClient } from '../../client/rest/rest-client.js';
import { API_ONLY, startTestCluster, type TestCluster } from '../../../test/support/cluster.js';
import type { ControllerContext, ControllerFactory } from '../framework/controller.js';
import { DEFAULT_CONTROLLER_OPTIONS } from '../framework/controller-options.js';
import { PODS } from './replica-controller.js';

export interface ControllerCluster {
  readonly cluster: TestCluster;
  readonly client: RestClient;
  stop(): Promise<void>;
}

/** Starts `skiff server` (memory store, no scheduler, no controllers) and a client for it. */
export async function startControllerCluster(): Promise<ControllerCluster> {
  const cluster = await startTestCluster(['--store', 'memory', ...API_ONLY]);
  const client = RestClient.fromKubeconfig(cluster.kubeconfig, { component: 'controller-test', qps: Infinity });
  return {
    cluster,
    client,
    stop: async () => {
      client.close();
      await cluster.stop();
    },
  };
}

export interface RunningControllers {
  stop(): Promise<void>;
}

/** Builds the controllers of `factories` over one informer factory, syncs the informers and runs them. */
export async function runControllers(
  client: RestClient,
  factories: readonly ControllerFactory[],
): Promise<RunningControllers> {
  const informers = new SharedInformerFactory(client, { freezeObjects: true });
  const recorders = new Map<string, EventRecorder>();
  const context: ControllerContext = {
    client,
    informers,
    clock: realClock,
    options: { ...DEFAULT_CONTROLLER_OPTIONS, concurrentSyncs: 3 },
    recorder: (component) => {
      let recorder = recorders.get(component);
      if (recorder === undefined) recorders.set(component, (recorder = new ApiEventRecorder(client, { component })));
      return recorder;
    },
  };
  const controllers = factories.map((f) => f(context));
  const abort = new AbortController();
  // Every informer and worker pool listens to the one signal.
  setMaxListeners(100, abort.signal);
  informers.start(abort.signal);
  await informers.waitForCacheSync(abort.signal);
  const running = controllers.map((c) => c.run(abort.signal));
  return {
    stop: async () => {
      abort.abort();
      await Promise.all(running);
      await informers.shutdown();
    },
  };
}

/** Polls `probe` until it returns something other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const sleepMs = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The pods of `namespace` matching `labelSelector`, not being deleted. */
export async function livePods(client: RestClient, namespace: string, labelSelector: string): Promise<Pod[]> {
  const list = await client.resource<Pod>(PODS).list(namespace, { labelSelector });
  return list.items.filter((p) => !p.metadata?.deletionTimestamp);
}

/** Plays the kubelet: the pod becomes Running, and Ready (since `readySince`, default now) unless `ready` is false. */
export async function setPodRunning(
  client: RestClient,
  pod: Pod,
  ready = true,
  readySince = Date.now(),
): Promise<void> {
  const pods = client.resource<Pod>(PODS);
  const namespace = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fresh = await pods.get(namespace, name);
      const at = new Date(readySince).toISOString().replace(/\.\d+Z$/, 'Z');
      fresh.status = {
        ...fresh.status,
        phase: 'Running',
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: at }],
      };
      await pods.updateStatus(namespace, fresh);
      return;
    } catch (err) {
      if (isNotFound(err)) return;
      if (!isConflict(err)) throw err;
    }
  }
}

/** Plays the scheduler: binds the pod to `node`. */
export async function bindPod(client: RestClient, pod: Pod, node: string): Promise<void> {
  const name = pod.metadata?.name ?? '';
  await client.resource<Pod>(PODS).createSubresource(pod.metadata?.namespace ?? '', name, 'binding', {
    apiVersion: 'v1',
    kind: 'Binding',
    metadata: { name },
    target: { apiVersion: 'v1', kind: 'Node', name: node },
  });
}

/** Plays a kubelet that makes every pod of `namespace` Ready as soon as it appears, until stopped. */
export function autoReady(client: RestClient, namespace: string, delayMs = 0): { stop(): void } {
  let stopped = false;
  const seen = new Set<string>();
  const loop = async (): Promise<void> => {
    while (!stopped) {
      try {
        const list = await client.resource<Pod>(PODS).list(namespace);
        for (const pod of list.items) {
          const uid = pod.metadata?.uid ?? '';
          if (seen.has(uid) || pod.metadata?.deletionTimestamp) continue;
          const age = Date.now() - Date.parse(pod.metadata?.creationTimestamp ?? '');
          if (age < delayMs) continue;
          seen.add(uid);
          await setPodRunning(client, pod);
        }
      } catch {
        // The server may be going away at the end of a test.
      }
      await sleepMs(50);
    }
  };
  void loop();
  return {
    stop: () => {
      stopped = true;
    },
  };
}

/** The events recorded about `name` in `namespace`, as "Reason: message". */
export async function eventsAbout(client: RestClient, namespace: string, name: string): Promise<string[]> {
  const list = await client
    .resource<{ metadata?: { name?: string }; involvedObject?: { name?: string }; reason?: string; message?: string }>({
      group: '',
      version: 'v1',
      resource: 'events',
      namespaced: true,
    })
    .list(namespace);
  return list.items.filter((e) => e.involvedObject?.name === name).map((e) => `${e.reason ?? ''}: ${e.message ?? ''}`);
}
