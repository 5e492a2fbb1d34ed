/**
 * Writing a deployment's status (upstream syncDeploymentStatus and syncRolloutStatus): computed from its
 * ReplicaSets, written only when it changed; an unchanged rollout that waits on a progress deadline asks to
 * be looked at again when the deadline passes.
 */
import type { DeploymentStatus } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import { calculateStatus, progressCheckDelay, rolloutStatus, sameStatus } from './deployment-status.js';
import type { DeploymentSync } from './deployment-sync-state.js';

async function write(s: DeploymentSync, status: DeploymentStatus): Promise<void> {
  s.d.status = status;
  await s.updateStatus();
}

/** Status for scaling and paused syncs: counts and Available, no progress estimate. */
export async function syncDeploymentStatus(
  s: DeploymentSync,
  allRSs: readonly (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
): Promise<void> {
  const status = calculateStatus(allRSs, newRS, s.d, s.now());
  if (sameStatus(s.d.status, status)) return;
  await write(s, status);
}

/** Status during a rollout: counts, Available, Progressing and ReplicaFailure. */
export async function syncRolloutStatus(
  s: DeploymentSync,
  allRSs: readonly (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
): Promise<void> {
  const now = s.now();
  const status = rolloutStatus(allRSs, newRS, s.d, now);
  if (sameStatus(s.d.status, status)) {
    const delay = progressCheckDelay(s.d, status, now);
    if (delay !== undefined) s.requeueAfter(delay);
    return;
  }
  await write(s, status);
}
