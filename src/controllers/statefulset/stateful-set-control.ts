/**
 * Reconciling one StatefulSet with its claimed pods (upstream defaultStatefulSetControl.UpdateStatefulSet):
 * find or make its revisions, walk its pods, write the status they show, and trim its revision history.
 */
import type { ControllerRevision } from '../../api/apps/v1/controller-revision.js';
import type { StatefulSet, StatefulSetStatus } from '../../api/apps/v1/stateful-set.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { Clock } from '../../client/clock/clock.js';
import { isConflict, isNotFound } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import type { LabelSelector } from '../../machinery/labels/index.js';
import type { ControllerHistory } from '../history/controller-history.js';
import { revisionsBeyondLimit } from '../history/history-limit.js';
import { sortControllerRevisions } from '../history/revision-ordering.js';
import { aggregate } from './aggregate-error.js';
import type { StatefulPodControl } from './stateful-pod-control.js';
import { updateStatefulSetPods } from './stateful-pods-update.js';
import { statefulSetRevisions } from './stateful-revisions.js';
import { podRevision, revisionHistoryLimitOf, withSetTypeMeta } from './stateful-set-spec.js';
import { completeRollingUpdate, inconsistentStatus } from './stateful-status.js';

/** Status writes that keep losing races before the sync gives up and retries later. */
const STATUS_ATTEMPTS = 5;

export interface StatefulSetControlDeps {
  readonly podControl: StatefulPodControl;
  readonly history: ControllerHistory;
  readonly sets: ResourceClient<StatefulSet>;
  readonly clock: Clock;
}

/**
 * Reconciles `set` (a cached object, not mutated) with its claimed `pods`. Resolves with the status
 * computed (undefined when the revisions could not be settled). @throws every failure of the pass, the
 * status write and the history trim, aggregated, so that the key is retried.
 */
export async function updateStatefulSet(
  deps: StatefulSetControlDeps,
  set: StatefulSet,
  selector: LabelSelector,
  pods: readonly Pod[],
): Promise<StatefulSetStatus | undefined> {
  const owner = { namespace: set.metadata?.namespace ?? '', uid: set.metadata?.uid ?? '' };
  const revisions = sortControllerRevisions(deps.history.list(owner, selector));
  let current: ControllerRevision | undefined;
  let update: ControllerRevision | undefined;
  let status: StatefulSetStatus | undefined;
  let error: unknown;
  try {
    const found = await statefulSetRevisions(deps.history, set, revisions);
    current = found.current;
    update = found.update;
    const pass = await updateStatefulSetPods(deps.podControl, {
      set,
      current,
      update,
      collisionCount: found.collisionCount,
      pods,
      now: () => deps.clock.now(),
    });
    status = pass.status;
    error = pass.error;
    try {
      await writeStatus(deps.sets, set, pass.status);
    } catch (statusError) {
      error ??= statusError;
    }
  } catch (err) {
    error = err;
  }
  let truncateError: unknown;
  try {
    await truncateHistory(deps.history, set, pods, revisions, current, update);
  } catch (err) {
    truncateError = err;
  }
  const failure = aggregate([error, truncateError]);
  if (failure !== undefined) throw failure;
  return status;
}

/**
 * Writes `status` (completing a finished rolling update first) unless nothing the controller owns changed;
 * retries conflicts on a fresh read (upstream UpdateStatefulSetStatus). A set gone meanwhile is no failure.
 */
async function writeStatus(
  sets: ResourceClient<StatefulSet>,
  set: StatefulSet,
  computed: StatefulSetStatus,
): Promise<void> {
  const status = completeRollingUpdate(set, computed);
  if (!inconsistentStatus(set, status)) return;
  const namespace = set.metadata?.namespace ?? '';
  let latest = set;
  for (let attempt = 1; ; attempt++) {
    try {
      await sets.updateStatus(namespace, withSetTypeMeta({ ...latest, status }));
      return;
    } catch (err) {
      if (isNotFound(err)) return;
      if (!isConflict(err) || attempt >= STATUS_ATTEMPTS) throw err;
    }
    try {
      latest = await sets.get(namespace, set.metadata?.name ?? '');
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
  }
}

/**
 * Deletes the oldest revisions beyond the set's history limit; revisions that are current, the update, or
 * that a pod runs are never deleted (upstream truncateHistory).
 */
async function truncateHistory(
  history: ControllerHistory,
  set: StatefulSet,
  pods: readonly Pod[],
  revisions: readonly ControllerRevision[],
  current: ControllerRevision | undefined,
  update: ControllerRevision | undefined,
): Promise<void> {
  const live = new Set<string>(pods.map(podRevision));
  if (current !== undefined) live.add(current.metadata?.name ?? '');
  if (update !== undefined) live.add(update.metadata?.name ?? '');
  for (const revision of revisionsBeyondLimit(revisions, live, revisionHistoryLimitOf(set))) {
    await history.delete(revision);
  }
}
