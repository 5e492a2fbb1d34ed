/**
 * Which old revisions to delete to honour `revisionHistoryLimit`. Live revisions — the ones pods still run,
 * and the owner's current and update revisions — are never deleted. The two controllers count differently,
 * as upstream: a StatefulSet keeps `limit` revisions besides the live ones; a DaemonSet keeps `limit` old
 * revisions in all, live ones included, deleting non-live ones from the oldest until it is there.
 */
import type { ControllerRevision } from '../../api/apps/v1/controller-revision.js';
import { sortControllerRevisions } from './revision-ordering.js';

/**
 * StatefulSet's rule (upstream truncateHistory): of the revisions not in `live` (names), the oldest are
 * deleted until `limit` remain. `revisions` need not be sorted.
 */
export function revisionsBeyondLimit(
  revisions: readonly ControllerRevision[],
  live: ReadonlySet<string>,
  limit: number,
): ControllerRevision[] {
  const history = sortControllerRevisions(revisions).filter((r) => !live.has(r.metadata?.name ?? ''));
  const excess = history.length - Math.max(0, limit);
  return excess > 0 ? history.slice(0, excess) : [];
}

/**
 * DaemonSet's rule (upstream cleanupHistory): `old` holds every revision but the current one; when there are
 * more than `limit`, the oldest ones whose hash is not in `liveHashes` are deleted until `limit` remain (or no
 * deletable one is left). `hashOf` reads a revision's hash label.
 */
export function oldRevisionsToDelete(
  old: readonly ControllerRevision[],
  liveHashes: ReadonlySet<string>,
  limit: number,
  hashOf: (r: ControllerRevision) => string | undefined,
): ControllerRevision[] {
  let toKill = old.length - Math.max(0, limit);
  if (toKill <= 0) return [];
  const out: ControllerRevision[] = [];
  const byRevision = [...old].sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
  for (const r of byRevision) {
    if (toKill <= 0) break;
    const hash = hashOf(r);
    if (hash !== undefined && liveHashes.has(hash)) continue;
    out.push(r);
    toKill--;
  }
  return out;
}
