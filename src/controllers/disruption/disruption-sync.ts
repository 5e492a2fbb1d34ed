/**
 * One sync of the disruption controller for one PodDisruptionBudget key (upstream sync, trySync, failSafe):
 * count the healthy pods the budget selects against what it demands and write the status when it changed.
 * When that fails for any reason but a write conflict, the status is set to allow no disruption, with the
 * DisruptionAllowed condition False for reason SyncFailed.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from '../../api/policy/v1/pod-disruption-budget.js';
import type { Clock } from '../../client/clock/clock.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import type { Lister } from '../../client/listers/lister.js';
import { EventType, type EventRecorder } from '../../client/record/event-recorder.js';
import { isConflict } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import type { LabelSelectorObject } from '../../machinery/labels/index.js';
import { StaleCacheError } from '../endpoints/stale-cache.js';
import type { ObjectName, ReconcileResult } from '../framework/reconcile-loop.js';
import type { ControllerFinder } from './controller-finders.js';
import { expectedPodCount } from './expected-pods.js';
import { podsForPdb } from './pdb-selection.js';
import { buildDisruptedPodMap, countHealthyPods, failSafeStatus, formatTime, nextPdbStatus } from './pdb-status.js';
import { goLabelSelectorString } from './selector-text.js';

export interface DisruptionSyncDeps {
  readonly pdbs: Lister<PodDisruptionBudget>;
  /** The pod informer, with the pod label index. */
  readonly pods: SharedInformer<Pod>;
  readonly findController: ControllerFinder;
  readonly client: ResourceClient<PodDisruptionBudget>;
  readonly recorder: EventRecorder;
  readonly clock: Clock;
  /** How long an eviction recorded in disruptedPods counts (upstream DeletionTimeout, 2 min). */
  readonly deletionTimeoutMs: number;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
const asPdb = (pdb: PodDisruptionBudget): PodDisruptionBudget => ({
  ...pdb,
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
});
const asPod = (pod: Pod): Pod => ({ ...pod, apiVersion: 'v1', kind: 'Pod' });

/**
 * Brings the status of the budget `key` up to date; asks to be called again when a recorded disruption
 * expires.
 * @throws StaleCacheError on a write conflict (retry from a fresher cache); the API error when even the
 *   fail-safe status cannot be written.
 */
export async function syncPdb(deps: DisruptionSyncDeps, key: ObjectName): Promise<ReconcileResult | void> {
  const pdb = deps.pdbs.get(key.namespace, key.name);
  if (pdb === undefined) return;
  try {
    return await trySync(deps, pdb);
  } catch (err) {
    if (isConflict(err)) throw new StaleCacheError(messageOf(err));
    await writeStatus(deps, pdb, failSafeStatus(pdb, messageOf(err), formatTime(deps.clock.now())));
  }
}

async function trySync(deps: DisruptionSyncDeps, pdb: PodDisruptionBudget): Promise<ReconcileResult | void> {
  let pods: Pod[];
  try {
    pods = podsForPdb(deps.pods, pdb);
  } catch (err) {
    deps.recorder.event(asPdb(pdb), EventType.Warning, 'NoPods', `Failed to get pods: ${messageOf(err)}`);
    throw err;
  }
  if (pods.length === 0) deps.recorder.event(asPdb(pdb), EventType.Normal, 'NoPods', 'No matching pods found');

  let expected;
  try {
    expected = expectedPodCount(pdb, pods, deps.findController);
  } catch (err) {
    deps.recorder.event(
      asPdb(pdb),
      EventType.Warning,
      'CalculateExpectedPodCountFailed',
      `Failed to calculate the number of expected pods: ${messageOf(err)}`,
    );
    throw err;
  }
  if (expected.unmanagedPods.length > 0) {
    const selector = goLabelSelectorString(pdb.spec?.selector as LabelSelectorObject | null | undefined);
    deps.recorder.event(
      asPdb(pdb),
      EventType.Warning,
      'UnmanagedPods',
      `Pods selected by this PodDisruptionBudget (selector: ${selector}) were found to be unmanaged. As a result, ` +
        'the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account ' +
        'for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
    );
  }

  const now = deps.clock.now();
  const disrupted = buildDisruptedPodMap(pods, pdb, now, deps.deletionTimeoutMs);
  const namespace = pdb.metadata?.namespace ?? '';
  for (const pod of disrupted.notDeleted) {
    // Upstream names the budget by its namespace twice; kept for the same text.
    deps.recorder.event(
      asPod(pod),
      EventType.Warning,
      'NotDeleted',
      `Pod was expected by PDB ${namespace}/${namespace} to be deleted but it wasn't`,
    );
  }
  const currentHealthy = countHealthyPods(pods, disrupted.disruptedPods, now, deps.deletionTimeoutMs);
  const status = nextPdbStatus(
    pdb,
    {
      currentHealthy,
      desiredHealthy: expected.desiredHealthy,
      expectedCount: expected.expectedCount,
      disruptedPods: disrupted.disruptedPods,
    },
    formatTime(now),
  );
  if (status !== undefined) await writeStatus(deps, pdb, status);
  if (disrupted.recheckAtMs !== undefined) return { requeueAfterMs: Math.max(0, disrupted.recheckAtMs - now) };
}

async function writeStatus(
  deps: DisruptionSyncDeps,
  pdb: PodDisruptionBudget,
  status: PodDisruptionBudgetStatus,
): Promise<void> {
  const next = structuredClone(asPdb(pdb));
  next.status = status;
  await deps.client.updateStatus(pdb.metadata?.namespace ?? '', next);
}
