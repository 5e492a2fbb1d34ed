/**
 * For the batch controllers' tests (job, cronjob, ttl-after-finished): a real `skiff server` with its own
 * scheduler and controllers off, the controllers under test running in the test process over one informer
 * factory (any clock, events kept in memory), and the kubelet's part — pods finishing with container exit
 * codes — played by the test through the status subresource. Test code only (dist must be built).
 */
import { setMaxListeners } from 'node:events';
import type { Pod } from '../../api/core/v1/pod.js';
import { type Clock, realClock } from '../../client/clock/clock.js';
import { SharedInformerFactory } from '../../client/informers/shared-informer-factory.js';
import { MemoryEventRecorder } from '../../client/record/event-recorder.js';
import { isConflict, isNotFound } from '../../client/rest/error-predicates.js';
import type { RestClient } from '../../client/rest/rest-client.js';
import type { ControllerContext, ControllerFactory } from '../framework/controller.js';
import { DEFAULT_CONTROLLER_OPTIONS } from '../framework/controller-options.js';
import { PODS } from './job-api.js';

/** The server and client of the workload controllers' tests, under the batch tests' names. */
export {
  type ControllerCluster as BatchCluster,
  startControllerCluster as startBatchCluster,
} from '../replicaset/controller-test-support.js';

export interface RunningControllers {
  /** Every event the controllers recorded. */
  readonly events: MemoryEventRecorder;
  stop(): Promise<void>;
}

/** Builds `factories` over one informer factory (`clock` for the controllers), syncs the informers, runs them. */
export async function runControllers(
  client: RestClient,
  factories: readonly ControllerFactory[],
  clock: Clock = realClock,
): Promise<RunningControllers> {
  const informers = new SharedInformerFactory(client, { freezeObjects: true });
  const events = new MemoryEventRecorder();
  const context: ControllerContext = {
    client,
    informers,
    clock,
    options: { ...DEFAULT_CONTROLLER_OPTIONS, concurrentSyncs: 3 },
    recorder: () => events,
  };
  const controllers = factories.map((f) => f(context));
  const abort = new AbortController();
  setMaxListeners(0, abort.signal);
  informers.start(abort.signal);
  await informers.waitForCacheSync(abort.signal);
  const running = controllers.map((c) => c.run(abort.signal));
  return {
    events,
    stop: async () => {
      abort.abort();
      await Promise.all(running);
      await informers.shutdown();
    },
  };
}

/** "Reason: message" of the events recorded about the object named `name`. */
export const eventsAbout = (events: MemoryEventRecorder, name: string): string[] =>
  events.recorded.filter((e) => e.object.metadata?.name === name).map((e) => `${e.reason}: ${e.message}`);

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
    await sleepMs(25);
  }
}

export const sleepMs = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The pods of `namespace` matching `labelSelector` that are not being deleted. */
export async function livePods(client: RestClient, namespace: string, labelSelector: string): Promise<Pod[]> {
  const list = await client.resource<Pod>(PODS).list(namespace, { labelSelector });
  return list.items.filter((p) => !p.metadata?.deletionTimestamp);
}

const now = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/** Re-reads the pod and writes `status` over its status, retrying lost races. */
async function writePodStatus(client: RestClient, pod: Pod, status: NonNullable<Pod['status']>): Promise<void> {
  const pods = client.resource<Pod>(PODS);
  const namespace = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      const fresh = await pods.get(namespace, name);
      fresh.status = { ...fresh.status, ...status };
      await pods.updateStatus(namespace, fresh);
      return;
    } catch (err) {
      if (isNotFound(err)) return;
      if (!isConflict(err)) throw err;
    }
  }
}

/** Plays the kubelet: the pod runs and is Ready. */
export function setPodRunning(client: RestClient, pod: Pod): Promise<void> {
  return writePodStatus(client, pod, {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now() }],
    containerStatuses: (pod.spec?.containers ?? []).map((c) => ({
      name: c.name,
      image: c.image,
      imageID: '',
      ready: true,
      restartCount: 0,
      state: { running: { startedAt: now() } },
    })),
  });
}

/**
 * Plays the kubelet: every container of the pod exits with `exitCode` (0: the pod Succeeded, else Failed),
 * with `conditions` added (e.g. DisruptionTarget) besides Ready=False.
 */
export function finishPod(
  client: RestClient,
  pod: Pod,
  exitCode: number,
  conditions: { type: string; status: string }[] = [],
): Promise<void> {
  const at = now();
  return writePodStatus(client, pod, {
    phase: exitCode === 0 ? 'Succeeded' : 'Failed',
    conditions: [
      { type: 'Ready', status: 'False', lastTransitionTime: at },
      ...conditions.map((c) => ({ ...c, lastTransitionTime: at })),
    ],
    containerStatuses: (pod.spec?.containers ?? []).map((c) => ({
      name: c.name,
      image: c.image,
      imageID: '',
      ready: false,
      restartCount: 0,
      state: {
        terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: at, finishedAt: at },
      },
    })),
  });
}
