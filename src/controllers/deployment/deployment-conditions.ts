/**
 * Deployment conditions (upstream deployment util): the types, the reasons and how a condition is set — a
 * condition with the same status and reason is left alone, and a status that does not change keeps its
 * lastTransitionTime.
 */
import type { DeploymentStatus } from '../../api/apps/v1/deployment.js';
import { rfc3339 } from '../replicaset/replica-status.js';

export type DeploymentCondition = NonNullable<DeploymentStatus['conditions']>[number];

export const ConditionType = {
  Available: 'Available',
  Progressing: 'Progressing',
  ReplicaFailure: 'ReplicaFailure',
} as const;

export const ConditionReason = {
  /** Progressing: one of the ReplicaSets was scaled as part of the rollout. */
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  /** Progressing=False: the new ReplicaSet could not be created. */
  FailedRSCreate: 'ReplicaSetCreateError',
  /** Progressing: a new ReplicaSet was created. */
  NewReplicaSetCreated: 'NewReplicaSetCreated',
  /** Progressing: an existing ReplicaSet matches the template. */
  FoundNewReplicaSet: 'FoundNewReplicaSet',
  /** Progressing: the rollout completed. */
  NewReplicaSetAvailable: 'NewReplicaSetAvailable',
  /** Progressing=False: no progress within progressDeadlineSeconds. */
  ProgressDeadlineExceeded: 'ProgressDeadlineExceeded',
  /** Progressing=Unknown while paused. */
  DeploymentPaused: 'DeploymentPaused',
  /** Progressing=Unknown once resumed (so that the pause does not count against the deadline). */
  DeploymentResumed: 'DeploymentResumed',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

/** A condition stamped `now` (both times). */
export function newCondition(
  type: string,
  status: string,
  reason: string,
  message: string,
  now: number,
): DeploymentCondition {
  const at = rfc3339(now);
  return { type, status, lastUpdateTime: at, lastTransitionTime: at, reason, message };
}

/** The condition of `type` in `status`, if any. */
export function getCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** Removes the condition of `type` from `status` (mutated); an empty list goes away. */
export function removeCondition(status: DeploymentStatus, type: string): void {
  const kept = (status.conditions ?? []).filter((c) => c.type !== type);
  if (kept.length > 0) status.conditions = kept;
  else delete status.conditions;
}

/**
 * Sets `condition` on `status` (mutated): nothing happens when one of its type has the same status and
 * reason; a condition whose status stays keeps its lastTransitionTime. The set condition goes last.
 */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getCondition(status, condition.type ?? '');
  if (current !== undefined && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current !== undefined && current.status === condition.status)
    next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

/** A ReplicaSet's ReplicaFailure condition as a deployment condition. */
export function fromReplicaSetCondition(c: {
  type?: string;
  status?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}): DeploymentCondition {
  return {
    type: c.type ?? '',
    status: c.status ?? '',
    ...(c.lastTransitionTime === undefined
      ? {}
      : { lastTransitionTime: c.lastTransitionTime, lastUpdateTime: c.lastTransitionTime }),
    ...(c.reason === undefined ? {} : { reason: c.reason }),
    ...(c.message === undefined ? {} : { message: c.message }),
  };
}
