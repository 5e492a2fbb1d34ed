/**
 * The garbage collector (upstream GarbageCollector): watches every deletable resource, keeps a graph of
 * ownerReferences keyed by UID, and deletes objects whose owners are all gone (background propagation),
 * deletes dependents before an owner carrying `foregroundDeletion` and then releases it (foreground), and
 * strips the owner's references from dependents before releasing an owner carrying `orphan` (orphan).
 *
 * Resources are found through discovery when the controller starts (and every `gcResyncPeriodMs`, when set,
 * or when an ownerReference names an unknown kind), so it builds its informers in `run`.
 */
import { sleep } from '../../client/clock/clock.js';
import type { Controller, ControllerContext, ControllerFactory } from '../framework/controller.js';
import { ReconcileLoop } from '../framework/reconcile-loop.js';
import { discover, type Discovery } from '../namespace/api-discovery.js';
import { AbsentOwnerCache } from './absent-owner-cache.js';
import { AttemptToDelete, NotYetObservedError } from './attempt-to-delete.js';
import { AttemptToOrphan } from './attempt-to-orphan.js';
import { GcOperations } from './gc-operations.js';
import { GraphBuilder, type GraphQueues } from './graph-builder.js';
import { deletableResources, Monitors } from './monitors.js';
import { identityOfReference, identityString } from './object-identity.js';
import { RestMapper, RestMappingError } from './rest-mapper.js';

export const NAME = 'garbage-collector';
/** Upstream's --concurrent-gc-syncs default. */
export const GC_WORKERS = 20;
/** How long the collector waits for its informers before it starts working anyway. */
export const GC_SYNC_TIMEOUT_MS = 60_000;
/** At most one discovery refresh per this long when an unknown kind shows up. */
const REMAP_MIN_INTERVAL_MS = 10_000;
/** Back-off between failed discoveries at start. */
const DISCOVERY_RETRY_MS = 1_000;

export interface GarbageCollectorOptions {
  /** Workers of each queue (attempt to delete, attempt to orphan). Default 20. */
  readonly workers?: number;
}

/** Builds the garbage collector with explicit options. */
export function newGarbageCollectorWith(context: ControllerContext, options: GarbageCollectorOptions = {}): Controller {
  const { clock } = context;
  const absentOwners = new AbsentOwnerCache();
  const mapper = new RestMapper();
  const ops = new GcOperations(context.client, mapper);
  const recorder = context.recorder('garbage-collector-controller');
  const queues: GraphQueues = {
    attemptToDelete: (node) => deleteLoop.enqueueKey({ namespace: '', name: node.uid }),
    attemptToDeleteRateLimited: (node) => deleteLoop.queue.addRateLimited(node.uid),
    attemptToOrphan: (node) => orphanLoop.enqueueKey({ namespace: '', name: node.uid }),
  };
  const graph = new GraphBuilder(queues, absentOwners, (dependent, ref) => {
    const { identity } = dependent;
    const owner = identityOfReference(ref, identity.namespace);
    recorder.event(
      {
        apiVersion: identity.apiVersion,
        kind: identity.kind,
        metadata: { name: identity.name, namespace: identity.namespace, uid: identity.uid },
      },
      'Warning',
      'OwnerRefInvalidNamespace',
      `ownerRef ${identityString(owner)} does not exist in namespace ${JSON.stringify(identity.namespace)}`,
    );
  });
  const monitors = new Monitors(context.informers, graph);
  let lastRemapMs = -Infinity;
  let signalOfRun: AbortSignal | undefined;

  /** Reads discovery, refreshes the mapper, and adds (and starts) informers for new resources. */
  const resync = async (signal: AbortSignal): Promise<void> => {
    const discovery: Discovery = await discover(context.client, signal);
    mapper.reset(discovery);
    lastRemapMs = clock.now();
    if (monitors.add(deletableResources(discovery)).length > 0) context.informers.start(signal);
  };
  const onError = (key: string, err: unknown): void => {
    if (err instanceof NotYetObservedError) return;
    if (
      err instanceof RestMappingError &&
      signalOfRun !== undefined &&
      clock.now() - lastRemapMs > REMAP_MIN_INTERVAL_MS
    ) {
      lastRemapMs = clock.now();
      void resync(signalOfRun).catch(() => undefined);
    }
    console.warn(`${NAME}: error syncing item ${key}: ${err instanceof Error ? err.message : String(err)}`);
  };
  const attemptToDelete = new AttemptToDelete(graph, ops, absentOwners, queues);
  const attemptToOrphan = new AttemptToOrphan(graph, ops);
  // Upstream's queues never drop an item: each retries with the default controller backoff.
  const deleteLoop = new ReconcileLoop({
    name: `${NAME}-attempt-to-delete`,
    clock,
    maxRetries: Infinity,
    onError,
    reconcile: ({ name }) => attemptToDelete.process(name),
  });
  const orphanLoop = new ReconcileLoop({
    name: `${NAME}-attempt-to-orphan`,
    clock,
    maxRetries: Infinity,
    onError,
    reconcile: ({ name }) => attemptToOrphan.process(name),
  });

  return {
    name: NAME,
    async run(signal: AbortSignal): Promise<void> {
      signalOfRun = signal;
      for (;;) {
        try {
          await resync(signal);
          break;
        } catch (err) {
          if (signal.aborted) return;
          console.warn(`${NAME}: discovery failed: ${err instanceof Error ? err.message : String(err)}`);
          await sleep(clock, DISCOVERY_RETRY_MS, signal);
        }
      }
      await waitUntil(() => monitors.synced(), GC_SYNC_TIMEOUT_MS, signal, context);
      const period = context.options.gcResyncPeriodMs;
      const periodic = period > 0 ? resyncEvery(period, signal, () => resync(signal), context) : Promise.resolve();
      const workers = options.workers ?? GC_WORKERS;
      await Promise.all([deleteLoop.run(signal, workers), orphanLoop.run(signal, workers), periodic]);
    },
  };
}

export const newGarbageCollectorController: ControllerFactory = (context) => newGarbageCollectorWith(context);

/** Polls `done` until it holds, `timeoutMs` passes, or `signal` aborts. */
async function waitUntil(
  done: () => boolean,
  timeoutMs: number,
  signal: AbortSignal,
  context: ControllerContext,
): Promise<void> {
  const deadline = context.clock.now() + timeoutMs;
  while (!done() && context.clock.now() < deadline) {
    if (!(await sleep(context.clock, 50, signal))) return;
  }
}

async function resyncEvery(
  periodMs: number,
  signal: AbortSignal,
  resync: () => Promise<void>,
  context: ControllerContext,
): Promise<void> {
  while (await sleep(context.clock, periodMs, signal)) {
    await resync().catch((err: unknown) => {
      console.warn(`${NAME}: discovery failed: ${err instanceof Error ? err.message : String(err)}`);
    });
  }
}
