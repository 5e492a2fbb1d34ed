/**
 * One sync of one Deployment (upstream syncDeployment): claim its ReplicaSets, then — in this order of
 * precedence — only report status while it is deleted, mark pause and resume, scale while paused or on a
 * scaling event, and otherwise roll out by its strategy.
 */
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { EventType } from '../../client/record/event-recorder.js';
import { labelSelectorFromObject, type LabelSelector, type LabelSelectorObject } from '../../machinery/labels/index.js';
import { errorBody } from '../../machinery/field-errors.js';
import { controllerRef } from '../framework/owner-references.js';
import { adoptWithPatch, claimObjects, recheckOnce, releaseWithPatch } from '../replicaset/controller-ref-manager.js';
import { controlledBy, orphansIn } from '../replicaset/owner-index.js';
import { cleanupDeployment } from './cleanup.js';
import { ConditionReason, ConditionType, getCondition, newCondition, setCondition } from './deployment-conditions.js';
import { hasProgressDeadline } from './deployment-status.js';
import { DeploymentSync, type DeploymentSyncContext } from './deployment-sync-state.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replica-set.js';
import { type PodMap, rolloutRecreate } from './recreate.js';
import { DEPLOYMENT_STRATEGY } from './rollout-arithmetic.js';
import { rolloutRolling } from './rolling.js';
import { isScalingEvent, scale } from './scale.js';
import { syncDeploymentStatus } from './status-sync.js';

/** The deployment's selector, or an error with upstream's wording. */
function selectorOf(d: Deployment): LabelSelector {
  const result = labelSelectorFromObject(d.spec?.selector as LabelSelectorObject | undefined);
  if (!result.ok) {
    const detail = result.errors.map(errorBody).join(', ');
    throw new Error(
      `deployment ${d.metadata?.namespace ?? ''}/${d.metadata?.name ?? ''} has invalid label selector: ${detail}`,
    );
  }
  return result.selector;
}

/** The ReplicaSets the deployment owns, adopting matching orphans and releasing owned ones it no longer selects. */
async function claimReplicaSets(
  ctx: DeploymentSyncContext,
  d: Deployment,
  selector: LabelSelector,
): Promise<ReplicaSet[]> {
  const namespace = d.metadata?.namespace ?? '';
  const name = d.metadata?.name ?? '';
  const uid = d.metadata?.uid ?? '';
  const ref = controllerRef(d, 'apps/v1', 'Deployment');
  const canAdopt = recheckOnce(async () => {
    const fresh = await ctx.deployments.get(namespace, name);
    if (fresh.metadata?.uid !== uid) {
      throw new Error(
        `original Deployment ${namespace}/${name} is gone: got uid ${fresh.metadata?.uid ?? ''}, wanted ${uid}`,
      );
    }
    if (fresh.metadata?.deletionTimestamp) {
      throw new Error(`${namespace}/${name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
    }
  });
  const candidates = [...controlledBy(ctx.rsInformer, uid), ...orphansIn(ctx.rsInformer, namespace)];
  const result = await claimObjects({ uid, namespace, deleting: Boolean(d.metadata?.deletionTimestamp) }, candidates, {
    match: (rs) => selector.matches(rs.metadata?.labels),
    adopt: async (rs) => {
      await canAdopt();
      await adoptWithPatch(ctx.replicaSets, rs, ref);
    },
    release: (rs) => releaseWithPatch(ctx.replicaSets, rs, uid),
  });
  if (result.error !== undefined) throw result.error;
  return result.claimed;
}

/** The deployment's pods (selected, and controlled by one of `rsList`), grouped by ReplicaSet UID. */
export function podMapFor(ctx: DeploymentSyncContext, selector: LabelSelector, rsList: readonly ReplicaSet[]): PodMap {
  const map = new Map<string, Pod[]>();
  for (const rs of rsList) {
    const uid = rs.metadata?.uid ?? '';
    map.set(
      uid,
      controlledBy(ctx.podInformer, uid).filter((p) => selector.matches(p.metadata?.labels)),
    );
  }
  return map;
}

/** Marks pausing and resuming in the Progressing condition, so that a pause never counts against the deadline. */
async function checkPausedConditions(s: DeploymentSync): Promise<void> {
  const d = s.d;
  if (!hasProgressDeadline(d)) return;
  const current = getCondition(d.status, ConditionType.Progressing);
  // A reported timeout stays reported.
  if (current?.reason === ConditionReason.ProgressDeadlineExceeded) return;
  const pausedMarked = current?.reason === ConditionReason.DeploymentPaused;
  d.status ??= {};
  if (d.spec?.paused && !pausedMarked) {
    setCondition(
      d.status,
      newCondition(
        ConditionType.Progressing,
        'Unknown',
        ConditionReason.DeploymentPaused,
        'Deployment is paused',
        s.now(),
      ),
    );
  } else if (!d.spec?.paused && pausedMarked) {
    setCondition(
      d.status,
      newCondition(
        ConditionType.Progressing,
        'Unknown',
        ConditionReason.DeploymentResumed,
        'Deployment is resumed',
        s.now(),
      ),
    );
  } else {
    return;
  }
  await s.updateStatus();
}

/** Scaling (and, while paused, history cleanup) without rolling out. */
async function syncScale(s: DeploymentSync): Promise<void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(s, false);
  await scale(s, newRS, oldRSs);
  const fresh = (rs: ReplicaSet): ReplicaSet => s.rsList.find((r) => r.metadata?.uid === rs.metadata?.uid) ?? rs;
  const olds = oldRSs.map(fresh);
  if (s.d.spec?.paused) await cleanupDeployment(s, olds);
  await syncDeploymentStatus(s, [...olds, newRS && fresh(newRS)], newRS && fresh(newRS));
}

/**
 * Syncs `cached` (a cached Deployment: copied, never mutated). Resolves with the delay after which to look
 * again, if a progress deadline is pending.
 */
export async function syncDeployment(ctx: DeploymentSyncContext, cached: Deployment): Promise<number | undefined> {
  const d = structuredClone(cached);
  d.status ??= {};
  const selector = d.spec?.selector;
  if (
    (!selector?.matchLabels || Object.keys(selector.matchLabels).length === 0) &&
    (selector?.matchExpressions ?? []).length === 0
  ) {
    const s = new DeploymentSync(ctx, d, []);
    s.event(
      EventType.Warning,
      'SelectingAll',
      'This deployment is selecting all pods. A non-empty selector is required.',
    );
    if ((d.status.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
      d.status.observedGeneration = d.metadata?.generation ?? 0;
      await s.updateStatus();
    }
    return undefined;
  }
  const labelSelector = selectorOf(d);
  const rsList = await claimReplicaSets(ctx, d, labelSelector);
  const s = new DeploymentSync(ctx, d, rsList);
  if (d.metadata?.deletionTimestamp) {
    const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(s, false);
    await syncDeploymentStatus(s, [...oldRSs, newRS], newRS);
    return undefined;
  }
  await checkPausedConditions(s);
  if (d.spec?.paused) {
    await syncScale(s);
    return s.requeueAfterMs;
  }
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(s, false);
  if (isScalingEvent(d, newRS, oldRSs)) {
    await syncScale(s);
    return s.requeueAfterMs;
  }
  switch (d.spec?.strategy?.type) {
    case DEPLOYMENT_STRATEGY.Recreate:
      await rolloutRecreate(s, () => podMapFor(ctx, labelSelector, s.rsList));
      break;
    case DEPLOYMENT_STRATEGY.RollingUpdate:
      await rolloutRolling(s);
      break;
    default:
      throw new Error(`unexpected deployment strategy type: ${d.spec?.strategy?.type ?? ''}`);
  }
  return s.requeueAfterMs;
}
