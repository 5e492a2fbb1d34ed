/**
 * The disruption controller (upstream `disruption`, pkg/controller/disruption): keeps the status of every
 * PodDisruptionBudget — expected pods, current and desired healthy, disruptions allowed, the DisruptionAllowed
 * condition — which the API server's eviction subresource reads and decrements. Evictions it records in
 * `disruptedPods` stop counting after two minutes if the pod was not deleted. A second loop sets stale
 * DisruptionTarget pod conditions back to False.
 */
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import type { StatefulSet } from '../../api/apps/v1/stateful-set.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { ReplicationController } from '../../api/core/v1/replication-controller.js';
import type { PodDisruptionBudget } from '../../api/policy/v1/pod-disruption-budget.js';
import { EventType } from '../../client/record/event-recorder.js';
import { ensurePodLabelIndex } from '../endpoints/pod-label-index.js';
import { PODS } from '../endpoints/resources.js';
import { semanticEqual } from '../endpoints/semantic-equal.js';
import { podFromDeleteEvent } from '../endpoints/service-membership.js';
import { warnUnlessStale } from '../endpoints/stale-cache.js';
import type { Controller, ControllerContext, ControllerFactory } from '../framework/controller.js';
import { ReconcileLoop } from '../framework/reconcile-loop.js';
import { controllerFinder } from './controller-finders.js';
import { syncPdb } from './disruption-sync.js';
import { pdbsForPod } from './pdb-selection.js';
import { DELETION_TIMEOUT_MS } from './pdb-status.js';
import { DEPLOYMENTS, PDBS, REPLICA_SETS, REPLICATION_CONTROLLERS, STATEFUL_SETS } from './resources.js';
import { clearStaleDisruptionCondition } from './stale-disruption-sync.js';
import { STALE_POD_DISRUPTION_TIMEOUT_MS, staleDisruptionWaitMs } from './stale-disruption-condition.js';

export const NAME = 'disruption';

export interface DisruptionControllerOptions {
  /** How long an eviction recorded in disruptedPods counts without the pod being deleted. Default 2 min. */
  readonly deletionTimeoutMs?: number;
  /** How long a DisruptionTarget condition may stay on a pod not being deleted. Default 2 min. */
  readonly stalePodDisruptionTimeoutMs?: number;
  /** Budget syncs in parallel. Default 1, as upstream. */
  readonly workers?: number;
}

/** Builds the disruption controller with explicit options (registers its informer handlers). */
export function newDisruptionControllerWith(
  context: ControllerContext,
  options: DisruptionControllerOptions = {},
): Controller {
  const staleTimeoutMs = options.stalePodDisruptionTimeoutMs ?? STALE_POD_DISRUPTION_TIMEOUT_MS;
  const pdbs = context.informers.lister<PodDisruptionBudget>(PDBS);
  const podInformer = context.informers.forResource<Pod>(PODS);
  ensurePodLabelIndex(podInformer);
  const pods = context.informers.lister<Pod>(PODS);
  const recorder = context.recorder('controllermanager');
  const deps = {
    pdbs,
    pods: podInformer,
    findController: controllerFinder({
      replicationControllers: context.informers.lister<ReplicationController>(REPLICATION_CONTROLLERS),
      replicaSets: context.informers.lister<ReplicaSet>(REPLICA_SETS),
      deployments: context.informers.lister<Deployment>(DEPLOYMENTS),
      statefulSets: context.informers.lister<StatefulSet>(STATEFUL_SETS),
    }),
    client: context.client.resource<PodDisruptionBudget>(PDBS),
    recorder,
    clock: context.clock,
    deletionTimeoutMs: options.deletionTimeoutMs ?? DELETION_TIMEOUT_MS,
  };
  const loop = new ReconcileLoop({
    name: NAME,
    clock: context.clock,
    reconcile: (key) => syncPdb(deps, key),
    onError: warnUnlessStale(NAME),
  });
  const staleLoop = new ReconcileLoop({
    name: `${NAME}-stale-pod-disruption`,
    clock: context.clock,
    reconcile: (key) =>
      clearStaleDisruptionCondition(
        { pods, client: context.client.resource<Pod>(PODS), clock: context.clock, timeoutMs: staleTimeoutMs },
        key,
      ),
  });

  /** Queues the budgets selecting `pod`, warning when there are several (upstream picks one). */
  const enqueueBudgetsOf = (pod: Pod): void => {
    const matching = pdbsForPod(pdbs, pod);
    for (const pdb of matching) loop.enqueue(pdb);
    const [first] = matching;
    if (matching.length > 1 && first !== undefined) {
      const meta = pod.metadata ?? {};
      recorder.event(
        { apiVersion: 'v1', kind: 'Pod', metadata: meta },
        EventType.Warning,
        'MultiplePodDisruptionBudgets',
        `Pod ${JSON.stringify(meta.namespace ?? '')}/${JSON.stringify(meta.name ?? '')} matches multiple PodDisruptionBudgets.  Chose ${JSON.stringify(first.metadata?.name ?? '')} arbitrarily.`,
      );
    }
  };
  const checkStaleCondition = (pod: Pod): void => {
    const waitMs = staleDisruptionWaitMs(pod, context.clock.now(), staleTimeoutMs);
    if (waitMs !== undefined)
      staleLoop.enqueueAfter({ namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '' }, waitMs);
  };

  podInformer.addEventHandler({
    onAdd: (pod) => {
      enqueueBudgetsOf(pod);
      checkStaleCondition(pod);
    },
    onUpdate: (old, pod) => {
      enqueueBudgetsOf(pod);
      // A pod relabelled away from a budget still counted there until now.
      if (!semanticEqual(old.metadata?.labels, pod.metadata?.labels))
        for (const pdb of pdbsForPod(pdbs, old)) loop.enqueue(pdb);
      checkStaleCondition(pod);
    },
    onDelete: (obj) => {
      for (const pdb of pdbsForPod(pdbs, podFromDeleteEvent(obj))) loop.enqueue(pdb);
    },
  });
  context.informers.forResource<PodDisruptionBudget>(PDBS).addEventHandler({
    onAdd: (pdb) => loop.enqueue(pdb),
    onUpdate: (_old, pdb) => loop.enqueue(pdb),
    onDelete: (pdb) => loop.enqueue(pdb),
  });

  return {
    name: NAME,
    run: async (signal) => {
      await Promise.all([loop.run(signal, options.workers ?? 1), staleLoop.run(signal, 1)]);
    },
  };
}

/** Builds the disruption controller with its default options. */
export const newDisruptionController: ControllerFactory = (context) => newDisruptionControllerWith(context);
