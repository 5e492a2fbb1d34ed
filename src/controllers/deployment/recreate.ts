/**
 * The Recreate strategy (upstream recreate.go): scale every old ReplicaSet to zero, wait until none of
 * their pods runs any more (terminating ones included), then create the new ReplicaSet at full size.
 */
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { cleanupDeployment } from './cleanup.js';
import { deploymentComplete } from './deployment-status.js';
import type { DeploymentSync } from './deployment-sync-state.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replica-set.js';
import { actualReplicas, filterActive } from './replica-set-groups.js';
import { desiredReplicas } from './rollout-arithmetic.js';
import { currentOf } from './rolling.js';
import { scaleReplicaSetAndRecordEvent } from './scale.js';
import { syncRolloutStatus } from './status-sync.js';

/** The deployment's pods grouped by the UID of their ReplicaSet (terminated and terminating ones included). */
export type PodMap = ReadonlyMap<string, readonly Pod[]>;

/** Whether an old ReplicaSet still reports pods, or a pod of one is not yet terminated. */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], podMap: PodMap): boolean {
  if (actualReplicas(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS !== undefined && newRS.metadata?.uid === uid) continue;
    // Succeeded and Failed pods run nothing; any other phase (Unknown included) might.
    if (pods.some((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')) return true;
  }
  return false;
}

/** One sync of a Recreate deployment. `podMap` is read lazily (it is only needed once old pods are gone). */
export async function rolloutRecreate(s: DeploymentSync, podMap: () => PodMap): Promise<void> {
  // No new ReplicaSet yet: creating it now would scale up before the old ones are down.
  let { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(s, false);
  let scaledDown = false;
  for (const rs of filterActive(oldRSs)) {
    if ((await scaleReplicaSetAndRecordEvent(s, rs, 0)).scaled) scaledDown = true;
  }
  oldRSs = currentOf(s, oldRSs);
  if (scaledDown) {
    await syncRolloutStatus(s, [...oldRSs, newRS], newRS);
    return;
  }
  if (oldPodsRunning(newRS, oldRSs, podMap())) {
    await syncRolloutStatus(s, [...oldRSs, newRS], newRS);
    return;
  }
  if (newRS === undefined) ({ newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(s, true));
  if (newRS !== undefined) newRS = (await scaleReplicaSetAndRecordEvent(s, newRS, desiredReplicas(s.d))).rs;
  if (deploymentComplete(s.d, s.d.status ?? {})) await cleanupDeployment(s, currentOf(s, oldRSs));
  await syncRolloutStatus(s, currentOf(s, [...oldRSs, ...(newRS ? [newRS] : [])]), newRS);
}
