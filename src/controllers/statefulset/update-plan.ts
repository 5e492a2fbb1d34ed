/**
 * The arithmetic of a StatefulSet rolling update (upstream updateStatefulSetAfterInvariantEstablished,
 * getStatefulSetMaxUnavailable, newVersionedStatefulSetPod): pods are replaced from the highest ordinal
 * down to the partition, at most maxUnavailable of the wanted pods unhealthy at a time; a pod created
 * below the partition gets the current revision, one at or above it the update revision.
 */
import type { StatefulSet } from '../../api/apps/v1/stateful-set.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { scaledValueFromIntOrPercent } from '../deployment/rollout-arithmetic.js';
import { isHealthy, isTerminating } from './stateful-pod-state.js';
import { podRevision, StatefulSetUpdateStrategy, startOrdinal } from './stateful-set-spec.js';

/**
 * maxUnavailable resolved against `replicas` (rounded down), 1 when absent, and never below 1 (a small
 * percentage rounds to 0). @throws Error for a string that is not a percentage.
 */
export function resolveMaxUnavailable(value: number | string | undefined | null, replicas: number): number {
  const resolved = scaledValueFromIntOrPercent(value ?? 1, replicas, false);
  return Math.max(1, resolved);
}

/** The partition of a RollingUpdate (0 when absent). */
export const partitionOf = (set: StatefulSet): number => set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;

/**
 * Whether a pod created now at `ordinal` gets the current revision (true) or the update revision (false).
 * `set` is the set at its current revision; Go's operator precedence of upstream's condition is kept: a
 * RollingUpdate without rollingUpdate settings keeps the first currentReplicas ordinals, and any set with
 * rollingUpdate settings keeps the ordinals below the partition.
 */
export function createsAtCurrentRevision(set: StatefulSet, ordinal: number): boolean {
  const strategy = set.spec?.updateStrategy;
  const rollingUpdate = strategy?.rollingUpdate;
  const start = startOrdinal(set);
  return (
    (strategy?.type === StatefulSetUpdateStrategy.RollingUpdate &&
      rollingUpdate == null &&
      ordinal < start + (set.status?.currentReplicas ?? 0)) ||
    (rollingUpdate != null && ordinal < start + (rollingUpdate.partition ?? 0))
  );
}

/**
 * The pods a rolling update deletes now, highest ordinal first. `replicas` holds the wanted pods by
 * position (ordinal minus the start ordinal), planned ones included; positions below `partition` are never
 * touched. Nothing is deleted while `maxUnavailable` or more of the wanted pods are unhealthy; otherwise up
 * to the difference, counting only pods not at `updateRevision` and not already terminating.
 */
export function podsToDeleteForUpdate(
  replicas: readonly Pod[],
  updateRevision: string,
  partition: number,
  maxUnavailable: number,
): Pod[] {
  const unavailable = replicas.filter((p) => !isHealthy(p)).length;
  if (unavailable >= maxUnavailable) return [];
  const budget = maxUnavailable - unavailable;
  const out: Pod[] = [];
  for (let target = replicas.length - 1; target >= partition && out.length < budget; target--) {
    const pod = replicas[target];
    if (pod !== undefined && podRevision(pod) !== updateRevision && !isTerminating(pod)) out.push(pod);
  }
  return out;
}
