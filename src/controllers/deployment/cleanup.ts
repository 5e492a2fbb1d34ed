/**
 * Revision history cleanup (upstream cleanupDeployment): a deployment keeps at most revisionHistoryLimit old
 * ReplicaSets (for rollbacks); the oldest revisions beyond that are deleted once they are scaled to zero,
 * have no pods left, and their controller has seen their latest spec.
 */
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import { isNotFound } from '../../client/rest/error-predicates.js';
import { hasRevisionHistoryLimit } from './deployment-status.js';
import type { DeploymentSync } from './deployment-sync-state.js';
import { byRevision, replicasOf } from './replica-set-groups.js';

const isDeleting = (rs: ReplicaSet): boolean => Boolean(rs.metadata?.deletionTimestamp);

/** The old ReplicaSets past the history limit that may be deleted now, oldest revision first. */
export function replicaSetsToClean(oldRSs: readonly ReplicaSet[], limit: number): ReplicaSet[] {
  const cleanable = oldRSs.filter((rs) => !isDeleting(rs)).sort(byRevision);
  const diff = cleanable.length - limit;
  if (diff <= 0) return [];
  return cleanable
    .slice(0, diff)
    .filter(
      (rs) =>
        (rs.status?.replicas ?? 0) === 0 &&
        replicasOf(rs) === 0 &&
        (rs.metadata?.generation ?? 0) <= (rs.status?.observedGeneration ?? 0),
    );
}

/** Deletes the old ReplicaSets beyond the deployment's revisionHistoryLimit. @throws the first failed deletion. */
export async function cleanupDeployment(s: DeploymentSync, oldRSs: readonly ReplicaSet[]): Promise<void> {
  if (!hasRevisionHistoryLimit(s.d)) return;
  for (const rs of replicaSetsToClean(oldRSs, s.d.spec?.revisionHistoryLimit ?? 0)) {
    try {
      await s.ctx.replicaSets.delete(s.namespace, rs.metadata?.name ?? '');
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
