/**
 * One pass over a StatefulSet's pods (upstream defaultStatefulSetControl.updateStatefulSet): every wanted
 * ordinal gets a pod (in order, each waiting for its predecessors to be Running, Ready and available, unless
 * the policy is Parallel); failed pods are replaced; pods beyond the wanted ordinals are deleted from the
 * highest down, one at a time; then a RollingUpdate replaces outdated pods from the highest ordinal down to
 * the partition. Returns the status the pods show, and the failure that stopped the pass, if any.
 */
import type { ControllerRevision } from '../../api/apps/v1/controller-revision.js';
import type { StatefulSet, StatefulSetStatus } from '../../api/apps/v1/stateful-set.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { isNotFound } from '../../client/rest/error-predicates.js';
import { runForAll } from './run-for-all.js';
import {
  identityMatches,
  newStatefulSetPod,
  ordinalOf,
  podInOrdinalRange,
  storageMatches,
} from './stateful-identity.js';
import type { StatefulPodControl } from './stateful-pod-control.js';
import {
  isCreated,
  isFailed,
  isHealthy,
  isPending,
  isRunningAndAvailable,
  isRunningAndReady,
  isSucceeded,
  isTerminating,
} from './stateful-pod-state.js';
import { setAtRevision } from './stateful-revisions.js';
import { allowsBurst, isOnDelete, minReadySecondsOf, replicasOf, startOrdinal } from './stateful-set-spec.js';
import { countReplicas } from './stateful-status.js';
import { createsAtCurrentRevision, partitionOf, podsToDeleteForUpdate, resolveMaxUnavailable } from './update-plan.js';

export interface PodsPassInput {
  readonly set: StatefulSet;
  readonly current: ControllerRevision;
  readonly update: ControllerRevision;
  readonly collisionCount: number;
  /** The set's claimed pods (cached: not mutated). */
  readonly pods: readonly Pod[];
  readonly now: () => number;
}

export interface PodsPassResult {
  readonly status: StatefulSetStatus;
  readonly error?: unknown;
}

/** Walks the set's pods once, writing through `control`. Never rejects: failures come back in the result. */
export async function updateStatefulSetPods(
  control: StatefulPodControl,
  input: PodsPassInput,
): Promise<PodsPassResult> {
  const { set, current, update, pods } = input;
  const currentSet = setAtRevision(set, current);
  const updateSet = setAtRevision(set, update);
  const currentName = current.metadata?.name ?? '';
  const updateName = update.metadata?.name ?? '';
  const minReady = minReadySecondsOf(set);
  let status: StatefulSetStatus = {
    ...countReplicas([pods], minReady, currentName, updateName, input.now()),
    observedGeneration: set.metadata?.generation ?? 0,
    currentRevision: currentName,
    updateRevision: updateName,
    collisionCount: input.collisionCount,
  };

  const start = startOrdinal(set);
  const slots: (Pod | undefined)[] = Array.from({ length: Math.max(0, replicasOf(set)) }, () => undefined);
  const condemned: Pod[] = [];
  for (const pod of pods) {
    if (podInOrdinalRange(pod, set)) slots[ordinalOf(pod) - start] = pod;
    else if (ordinalOf(pod) >= 0) condemned.push(pod);
  }
  const replicas: Pod[] = slots.map(
    (pod, i) =>
      pod ??
      (createsAtCurrentRevision(currentSet, start + i)
        ? newStatefulSetPod(currentSet, currentSet.spec?.template, start + i, currentName)
        : newStatefulSetPod(updateSet, updateSet.spec?.template, start + i, updateName)),
  );
  condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));
  const firstUnhealthy = replicas.find((p) => !isHealthy(p)) ?? [...condemned].reverse().find((p) => !isHealthy(p));
  const recount = (): StatefulSetStatus => ({
    ...status,
    ...countReplicas([replicas, condemned], minReady, currentName, updateName, input.now()),
  });

  if (set.metadata?.deletionTimestamp) return { status };
  const monotonic = !allowsBurst(set);

  const processReplica = async (i: number): Promise<boolean> => {
    const pod = replicas[i] as Pod;
    if (isFailed(pod) || isSucceeded(pod)) {
      // A finished pod is replaced: deleted now, created again once it is gone.
      if (!isTerminating(pod)) await control.deleteStatefulPod(set, pod);
      return true;
    }
    if (!isCreated(pod)) {
      if (control.podClaimIsStale(set, pod)) return true;
      await control.createStatefulPod(set, pod);
      if (monotonic) return true;
    }
    if (isPending(pod)) await control.createMissingClaims(set, pod);
    if (monotonic && (isTerminating(pod) || !isRunningAndReady(pod))) return true;
    if (monotonic && !isRunningAndAvailable(pod, minReady, input.now())) return true;
    let retentionMatch = true;
    try {
      retentionMatch = control.claimsMatchRetentionPolicy(updateSet, pod);
    } catch {
      retentionMatch = true;
    }
    if (identityMatches(set, pod) && storageMatches(set, pod) && retentionMatch) return false;
    await control.updateStatefulPod(updateSet, pod);
    return false;
  };

  const fixClaims = async (i: number): Promise<boolean> => {
    const pod = condemned[i] as Pod;
    if (!control.claimsMatchRetentionPolicy(updateSet, pod))
      await control.updatePodClaimForRetentionPolicy(updateSet, pod);
    return false;
  };

  const processCondemned = async (i: number): Promise<boolean> => {
    const pod = condemned[i] as Pod;
    if (isTerminating(pod)) return monotonic;
    if (monotonic && pod !== firstUnhealthy) {
      if (!isRunningAndReady(pod) || !isRunningAndAvailable(pod, minReady, input.now())) return true;
    }
    await control.deleteStatefulPod(set, pod);
    return true;
  };

  for (const [count, step] of [
    [replicas.length, processReplica],
    [condemned.length, fixClaims],
    [condemned.length, processCondemned],
  ] as const) {
    try {
      if (await runForAll(count, step, monotonic)) return { status: recount() };
    } catch (error) {
      return { status: recount(), error };
    }
  }
  status = recount();
  if (isOnDelete(set)) return { status };

  let maxUnavailable = 1;
  try {
    if (set.spec?.updateStrategy?.rollingUpdate != null) {
      maxUnavailable = resolveMaxUnavailable(set.spec.updateStrategy.rollingUpdate.maxUnavailable, replicas.length);
    }
  } catch (error) {
    return { status, error };
  }
  for (const victim of podsToDeleteForUpdate(replicas, updateName, partitionOf(set), maxUnavailable)) {
    try {
      await control.deleteStatefulPod(set, victim);
    } catch (error) {
      if (!isNotFound(error)) return { status, error };
    }
    status = { ...status, currentReplicas: (status.currentReplicas ?? 0) - 1 };
  }
  return { status };
}
