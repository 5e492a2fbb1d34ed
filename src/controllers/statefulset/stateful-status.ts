/**
 * A StatefulSet's status (upstream computeReplicaStatus, completeRollingUpdate, inconsistentStatus): pod
 * counts by readiness, availability and revision; the rollout completes when every wanted pod is updated and
 * ready; and the status is written only when something the controller owns changed.
 */
import type { StatefulSet, StatefulSetStatus } from '../../api/apps/v1/stateful-set.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { isCreated, isRunningAndAvailable, isRunningAndReady, isTerminating } from './stateful-pod-state.js';
import { isRollingUpdate, podRevision, replicasOf } from './stateful-set-spec.js';

export interface ReplicaCounts {
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
}

/**
 * Counts the pods of `podLists` (upstream updateStatus over computeReplicaStatus): created ones are
 * replicas; running and ready ones are ready (and available after minReadySeconds); created, not
 * terminating ones count as current or updated by their revision label.
 */
export function countReplicas(
  podLists: readonly (readonly Pod[])[],
  minReadySeconds: number,
  currentRevision: string,
  updateRevision: string,
  nowMs: number,
): ReplicaCounts {
  const counts: ReplicaCounts = {
    replicas: 0,
    readyReplicas: 0,
    availableReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
  };
  for (const pods of podLists) {
    for (const pod of pods) {
      if (isCreated(pod)) counts.replicas++;
      if (isRunningAndReady(pod)) {
        counts.readyReplicas++;
        if (isRunningAndAvailable(pod, minReadySeconds, nowMs)) counts.availableReplicas++;
      }
      if (isCreated(pod) && !isTerminating(pod)) {
        const revision = podRevision(pod);
        if (revision === currentRevision) counts.currentReplicas++;
        if (revision === updateRevision) counts.updatedReplicas++;
      }
    }
  }
  return counts;
}

/**
 * `status` with the rolling update completed when it is (upstream completeRollingUpdate): every wanted pod
 * exists, is updated and ready, so the update revision becomes the current one. Does not mutate `status`.
 */
export function completeRollingUpdate(set: StatefulSet, status: StatefulSetStatus): StatefulSetStatus {
  const replicas = replicasOf(set);
  if (
    isRollingUpdate(set) &&
    (status.updatedReplicas ?? 0) === replicas &&
    (status.readyReplicas ?? 0) === replicas &&
    status.replicas === replicas
  ) {
    return { ...status, currentReplicas: status.updatedReplicas ?? 0, currentRevision: status.updateRevision ?? '' };
  }
  return status;
}

/** Whether `status` differs from the set's in a field the controller writes (upstream inconsistentStatus). */
export function inconsistentStatus(set: StatefulSet, status: StatefulSetStatus): boolean {
  const old = set.status ?? { replicas: 0 };
  return (
    (status.observedGeneration ?? 0) > (old.observedGeneration ?? 0) ||
    status.replicas !== (old.replicas ?? 0) ||
    (status.currentReplicas ?? 0) !== (old.currentReplicas ?? 0) ||
    (status.readyReplicas ?? 0) !== (old.readyReplicas ?? 0) ||
    (status.updatedReplicas ?? 0) !== (old.updatedReplicas ?? 0) ||
    (status.currentRevision ?? '') !== (old.currentRevision ?? '') ||
    (status.availableReplicas ?? 0) !== (old.availableReplicas ?? 0) ||
    (status.updateRevision ?? '') !== (old.updateRevision ?? '')
  );
}
