/**
 * A deployment's status from its ReplicaSets (upstream calculateStatus and syncRolloutStatus): the replica
 * counts, the Available condition, and — while a rollout runs under a progress deadline — the Progressing
 * condition (progressing, complete, or timed out), plus the ReplicaFailure of a ReplicaSet.
 */
import type { Deployment, DeploymentStatus } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import {
  ConditionReason,
  ConditionType,
  fromReplicaSetCondition,
  getCondition,
  newCondition,
  removeCondition,
  setCondition,
} from './deployment-conditions.js';
import { pruneEmpty, stableStringify } from './pod-template-hash.js';
import { availableReplicas, actualReplicas, readyReplicas, specReplicas } from './replica-set-groups.js';
import { desiredReplicas, maxUnavailable } from './rollout-arithmetic.js';

const MAX_INT32 = 2147483647;

/** Whether the deployment reports ProgressDeadlineExceeded at all (set, and not "forever"). */
export const hasProgressDeadline = (d: Deployment): boolean =>
  d.spec?.progressDeadlineSeconds !== undefined &&
  d.spec.progressDeadlineSeconds !== null &&
  d.spec.progressDeadlineSeconds !== MAX_INT32;

/** Whether old ReplicaSets are cleaned up at all (set, and not "keep all"). */
export const hasRevisionHistoryLimit = (d: Deployment): boolean =>
  d.spec?.revisionHistoryLimit !== undefined &&
  d.spec.revisionHistoryLimit !== null &&
  d.spec.revisionHistoryLimit !== MAX_INT32;

const n = (v: number | undefined | null): number => v ?? 0;

/** Every desired replica updated and available, no old ones left, and the latest spec observed. */
export function deploymentComplete(d: Deployment, status: DeploymentStatus): boolean {
  const desired = desiredReplicas(d);
  return (
    n(status.updatedReplicas) === desired &&
    n(status.replicas) === desired &&
    n(status.availableReplicas) === desired &&
    n(status.observedGeneration) >= n(d.metadata?.generation)
  );
}

/** Whether `status` shows progress over the deployment's current status (more updated, ready or available, fewer old). */
export function deploymentProgressing(d: Deployment, status: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = n(old.replicas) - n(old.updatedReplicas);
  const newOld = n(status.replicas) - n(status.updatedReplicas);
  return (
    n(status.updatedReplicas) > n(old.updatedReplicas) ||
    newOld < oldOld ||
    n(status.readyReplicas) > n(old.readyReplicas) ||
    n(status.availableReplicas) > n(old.availableReplicas)
  );
}

/** Whether the Progressing condition of `status` is older than the deadline (or already says so) at `now`. */
export function deploymentTimedOut(d: Deployment, status: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const condition = getCondition(status, ConditionType.Progressing);
  if (condition === undefined) return false;
  // A completed rollout is not estimated again (a resync may see the new ReplicaSet before its condition).
  if (condition.reason === ConditionReason.NewReplicaSetAvailable) return false;
  if (condition.reason === ConditionReason.ProgressDeadlineExceeded) return true;
  const from = Date.parse(condition.lastUpdateTime ?? '');
  if (!Number.isFinite(from)) return false;
  return from + n(d.spec?.progressDeadlineSeconds) * 1000 < now;
}

/** Drops the zero counts (as Go's omitempty writes them). */
function compact(status: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = {};
  for (const [key, value] of Object.entries(status) as [keyof DeploymentStatus, unknown][]) {
    if (value === undefined || value === null || value === 0) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** Counts and the Available condition of `d` over `allRSs` (the new one included), at `now`. */
export function calculateStatus(
  allRSs: readonly (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
  now: number,
): DeploymentStatus {
  const available = availableReplicas(allRSs);
  const unavailable = Math.max(0, specReplicas(allRSs) - available);
  const status: DeploymentStatus = compact({
    observedGeneration: d.metadata?.generation,
    replicas: actualReplicas(allRSs),
    updatedReplicas: actualReplicas([newRS]),
    readyReplicas: readyReplicas(allRSs),
    availableReplicas: available,
    unavailableReplicas: unavailable,
    collisionCount: d.status?.collisionCount,
  });
  if (d.status?.collisionCount !== undefined && d.status.collisionCount !== null) {
    status.collisionCount = d.status.collisionCount;
  }
  const conditions = (d.status?.conditions ?? []).map((c) => ({ ...c }));
  if (conditions.length > 0) status.conditions = conditions;
  if (available >= desiredReplicas(d) - maxUnavailable(d)) {
    setCondition(
      status,
      newCondition(
        ConditionType.Available,
        'True',
        ConditionReason.MinimumReplicasAvailable,
        'Deployment has minimum availability.',
        now,
      ),
    );
  } else {
    setCondition(
      status,
      newCondition(
        ConditionType.Available,
        'False',
        ConditionReason.MinimumReplicasUnavailable,
        'Deployment does not have minimum availability.',
        now,
      ),
    );
  }
  return status;
}

/** The ReplicaFailure conditions of the new ReplicaSet, or else of every ReplicaSet, as deployment conditions. */
function replicaFailures(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined) {
  const failures = (rs: ReplicaSet | undefined) =>
    (rs?.status?.conditions ?? []).filter((c) => c.type === ConditionType.ReplicaFailure).map(fromReplicaSetCondition);
  const own = failures(newRS);
  return own.length > 0 ? own : allRSs.flatMap(failures);
}

/** The status of a deployment during a rollout (upstream syncRolloutStatus, without the write). */
export function rolloutStatus(
  allRSs: readonly (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
  now: number,
): DeploymentStatus {
  const status = calculateStatus(allRSs, newRS, d, now);
  const deadline = hasProgressDeadline(d);
  if (!deadline) removeCondition(status, ConditionType.Progressing);
  const current = getCondition(d.status, ConditionType.Progressing);
  // A resync after a finished rollout estimates no progress.
  const complete =
    n(status.replicas) === n(status.updatedReplicas) && current?.reason === ConditionReason.NewReplicaSetAvailable;
  const name = newRS?.metadata?.name;
  if (deadline && !complete) {
    if (deploymentComplete(d, status)) {
      const message =
        name === undefined
          ? `Deployment ${JSON.stringify(d.metadata?.name ?? '')} has successfully progressed.`
          : `ReplicaSet ${JSON.stringify(name)} has successfully progressed.`;
      setCondition(
        status,
        newCondition(ConditionType.Progressing, 'True', ConditionReason.NewReplicaSetAvailable, message, now),
      );
    } else if (deploymentProgressing(d, status)) {
      const message =
        name === undefined
          ? `Deployment ${JSON.stringify(d.metadata?.name ?? '')} is progressing.`
          : `ReplicaSet ${JSON.stringify(name)} is progressing.`;
      const condition = newCondition(
        ConditionType.Progressing,
        'True',
        ConditionReason.ReplicaSetUpdated,
        message,
        now,
      );
      // Progress refreshes lastUpdateTime even with the same reason; a True status keeps its transition time.
      if (current !== undefined) {
        if (current.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, ConditionType.Progressing);
      }
      setCondition(status, condition);
    } else if (deploymentTimedOut(d, status, now)) {
      const message =
        name === undefined
          ? `Deployment ${JSON.stringify(d.metadata?.name ?? '')} has timed out progressing.`
          : `ReplicaSet ${JSON.stringify(name)} has timed out progressing.`;
      setCondition(
        status,
        newCondition(ConditionType.Progressing, 'False', ConditionReason.ProgressDeadlineExceeded, message, now),
      );
    }
  }
  const failures = replicaFailures(allRSs, newRS);
  const first = failures[0];
  if (first !== undefined) setCondition(status, first);
  else removeCondition(status, ConditionType.ReplicaFailure);
  return status;
}

/** Whether two statuses say the same (zero and absent counts alike). */
export function sameStatus(a: DeploymentStatus | undefined, b: DeploymentStatus | undefined): boolean {
  return stableStringify(pruneEmpty(compact(a ?? {}))) === stableStringify(pruneEmpty(compact(b ?? {})));
}

/**
 * When to look at a stuck rollout again (upstream requeueStuckDeployment), in ms from `now`: when its
 * Progressing condition would pass the deadline. Undefined when there is nothing to wait for.
 */
export function progressCheckDelay(d: Deployment, status: DeploymentStatus, now: number): number | undefined {
  const current = getCondition(d.status, ConditionType.Progressing);
  if (!hasProgressDeadline(d) || current === undefined) return undefined;
  if (deploymentComplete(d, status) || current.reason === ConditionReason.ProgressDeadlineExceeded) return undefined;
  const from = Date.parse(current.lastUpdateTime ?? '');
  if (!Number.isFinite(from)) return undefined;
  const after = from + n(d.spec?.progressDeadlineSeconds) * 1000 - now;
  // Under a second: look again right away; otherwise a second past the deadline (clock skew, as upstream).
  return after < 1000 ? Math.max(after, 0) + 100 : after + 1000;
}
