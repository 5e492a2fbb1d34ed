/**
 * The status of a ReplicaSet (or ReplicationController) from its claimed active pods (upstream
 * calculateStatus): replica counts, and the ReplicaFailure condition while creating or deleting pods fails.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import { labelSelectorFromSet } from '../../machinery/labels/index.js';
import { isPodAvailable, isPodReady } from '../framework/pod-conditions.js';
import type { ReplicaCondition, ReplicaOwner, ReplicaStatus } from './replicated-kind.js';
import { rfc3339 } from '../../machinery/rfc3339.js';

export const REPLICA_FAILURE = 'ReplicaFailure';
export const FAILED_CREATE_REASON = 'FailedCreate';
export const FAILED_DELETE_REASON = 'FailedDelete';

/** RFC 3339 with whole seconds, as metav1.Time serialises. */
export { rfc3339 };

/**
 * The new status of `owner` given its claimed active `pods` and the error of this sync's pod management
 * (if any), at `now` (ms). Does not mutate `owner`.
 */
export function calculateReplicaStatus(
  owner: ReplicaOwner,
  pods: readonly Pod[],
  manageError: unknown,
  now: number,
): ReplicaStatus {
  const templateLabels = labelSelectorFromSet(owner.template?.metadata?.labels);
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    if (templateLabels.matches(pod.metadata?.labels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, owner.minReadySeconds, now)) available++;
    }
  }
  let conditions = (owner.status.conditions ?? []).map((c) => ({ ...c }));
  const failure = conditions.find((c) => c.type === REPLICA_FAILURE);
  if (manageError !== undefined && failure === undefined) {
    const diff = pods.length - owner.replicas;
    const reason = diff < 0 ? FAILED_CREATE_REASON : diff > 0 ? FAILED_DELETE_REASON : '';
    const condition: ReplicaCondition = {
      type: REPLICA_FAILURE,
      status: 'True',
      lastTransitionTime: rfc3339(now),
      reason,
      message: manageError instanceof Error ? manageError.message : String(manageError),
    };
    conditions = [...conditions, condition];
  } else if (manageError === undefined && failure !== undefined) {
    conditions = conditions.filter((c) => c.type !== REPLICA_FAILURE);
  }
  const status: ReplicaStatus = {
    replicas: pods.length,
    ...(fullyLabeled > 0 ? { fullyLabeledReplicas: fullyLabeled } : {}),
    ...(ready > 0 ? { readyReplicas: ready } : {}),
    ...(available > 0 ? { availableReplicas: available } : {}),
    ...(owner.status.observedGeneration ? { observedGeneration: owner.status.observedGeneration } : {}),
  };
  if (conditions.length > 0) status.conditions = conditions;
  return status;
}

function sameConditions(
  a: readonly ReplicaCondition[] | undefined,
  b: readonly ReplicaCondition[] | undefined,
): boolean {
  const x = a ?? [];
  const y = b ?? [];
  if (x.length !== y.length) return false;
  return x.every((c, i) => {
    const d = y[i];
    return (
      d !== undefined &&
      c.type === d.type &&
      c.status === d.status &&
      (c.reason ?? '') === (d.reason ?? '') &&
      (c.message ?? '') === (d.message ?? '') &&
      (c.lastTransitionTime ?? '') === (d.lastTransitionTime ?? '')
    );
  });
}

/** Whether writing `status` would change nothing (the steady state: counts, generation and conditions agree). */
export function replicaStatusUnchanged(owner: ReplicaOwner, status: ReplicaStatus): boolean {
  const old = owner.status;
  return (
    (old.replicas ?? 0) === status.replicas &&
    (old.fullyLabeledReplicas ?? 0) === (status.fullyLabeledReplicas ?? 0) &&
    (old.readyReplicas ?? 0) === (status.readyReplicas ?? 0) &&
    (old.availableReplicas ?? 0) === (status.availableReplicas ?? 0) &&
    owner.generation === (old.observedGeneration ?? 0) &&
    sameConditions(old.conditions, status.conditions)
  );
}
