/**
 * The RollingUpdate strategy (upstream rolling.go): grow the new ReplicaSet as far as maxSurge allows, shrink
 * the old ones as far as maxUnavailable allows — unhealthy old pods first, since removing them costs no
 * availability — and clean up old revisions once the rollout is complete.
 */
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import { cleanupDeployment } from './cleanup.js';
import { deploymentComplete } from './deployment-status.js';
import type { DeploymentSync } from './deployment-sync-state.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replica-set.js';
import {
  availableReplicas,
  byCreationTimestamp,
  filterActive,
  replicasOf,
  specReplicas,
} from './replica-set-groups.js';
import { desiredReplicas, maxUnavailable, newReplicaSetReplicas } from './rollout-arithmetic.js';
import { scaleReplicaSetAndRecordEvent } from './scale.js';
import { syncRolloutStatus } from './status-sync.js';

/** Scales the new ReplicaSet towards the desired count, within the surge. True if it scaled. */
export async function reconcileNewReplicaSet(
  s: DeploymentSync,
  allRSs: readonly ReplicaSet[],
  newRS: ReplicaSet,
): Promise<boolean> {
  const desired = desiredReplicas(s.d);
  if (replicasOf(newRS) === desired) return false;
  if (replicasOf(newRS) > desired) return (await scaleReplicaSetAndRecordEvent(s, newRS, desired)).scaled;
  const count = newReplicaSetReplicas(s.d, allRSs, newRS);
  return (await scaleReplicaSetAndRecordEvent(s, newRS, count)).scaled;
}

/**
 * How far old ReplicaSets may shrink now: every pod above the minimum availability, less the new
 * ReplicaSet's pods that are not available yet (they must not let old pods go).
 */
export function maxScaledDown(
  desired: number,
  maxUnavailableCount: number,
  allRSs: readonly ReplicaSet[],
  newRS: ReplicaSet,
): number {
  const minAvailable = desired - maxUnavailableCount;
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  return specReplicas(allRSs) - minAvailable - newUnavailable;
}

/** Shrinks old ReplicaSets by their unavailable replicas, oldest first, at most `maxCleanup` in all. */
async function cleanupUnhealthyReplicas(
  s: DeploymentSync,
  oldRSs: ReplicaSet[],
  maxCleanup: number,
): Promise<{ oldRSs: ReplicaSet[]; cleaned: number }> {
  const sorted = [...oldRSs].sort(byCreationTimestamp);
  let total = 0;
  for (const [i, rs] of sorted.entries()) {
    if (total >= maxCleanup) break;
    const replicas = replicasOf(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const count = Math.min(maxCleanup - total, replicas - available);
    const result = await scaleReplicaSetAndRecordEvent(s, rs, replicas - count);
    total += count;
    sorted[i] = result.rs;
  }
  return { oldRSs: sorted, cleaned: total };
}

/** Shrinks old ReplicaSets, oldest first, by what availability above the minimum allows. */
async function scaleDownOldReplicaSets(s: DeploymentSync, allRSs: ReplicaSet[], oldRSs: ReplicaSet[]): Promise<number> {
  const minAvailable = desiredReplicas(s.d) - maxUnavailable(s.d);
  const available = availableReplicas(allRSs);
  if (available <= minAvailable) return 0;
  const target = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreationTimestamp)) {
    if (total >= target) break;
    if (replicasOf(rs) === 0) continue;
    const count = Math.min(replicasOf(rs), target - total);
    await scaleReplicaSetAndRecordEvent(s, rs, replicasOf(rs) - count);
    total += count;
  }
  return total;
}

/** Scales the active old ReplicaSets down as availability allows. True if any scaled. */
export async function reconcileOldReplicaSets(
  s: DeploymentSync,
  allRSs: readonly ReplicaSet[],
  activeOldRSs: ReplicaSet[],
  newRS: ReplicaSet,
): Promise<boolean> {
  if (specReplicas(activeOldRSs) === 0) return false;
  const limit = maxScaledDown(desiredReplicas(s.d), maxUnavailable(s.d), allRSs, newRS);
  if (limit <= 0) return false;
  // Unhealthy replicas first: otherwise they block the rollout until it times out.
  const { oldRSs, cleaned } = await cleanupUnhealthyReplicas(s, activeOldRSs, limit);
  const scaled = await scaleDownOldReplicaSets(s, [...oldRSs, newRS], oldRSs);
  return cleaned + scaled > 0;
}

/** One sync of a RollingUpdate deployment. */
export async function rolloutRolling(s: DeploymentSync): Promise<void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(s, true);
  if (newRS === undefined) return;
  let allRSs = [...oldRSs, newRS];
  if (await reconcileNewReplicaSet(s, allRSs, newRS)) {
    await syncRolloutStatus(s, currentOf(s, allRSs), currentOf(s, [newRS])[0]);
    return;
  }
  allRSs = currentOf(s, allRSs);
  const current = currentOf(s, [newRS])[0] ?? newRS;
  if (await reconcileOldReplicaSets(s, allRSs, filterActive(currentOf(s, oldRSs)), current)) {
    await syncRolloutStatus(s, currentOf(s, allRSs), current);
    return;
  }
  if (deploymentComplete(s.d, s.d.status ?? {})) await cleanupDeployment(s, currentOf(s, oldRSs));
  await syncRolloutStatus(s, currentOf(s, allRSs), current);
}

/** The latest copies (as this sync wrote them) of `rss`. */
export function currentOf(s: DeploymentSync, rss: readonly ReplicaSet[]): ReplicaSet[] {
  return rss.map((rs) => s.rsList.find((r) => r.metadata?.uid === rs.metadata?.uid) ?? rs);
}
