/**
 * Scaling ReplicaSets (upstream scaleReplicaSet and scale): one ReplicaSet to a size with its replica
 * annotations and a ScalingReplicaSet event, and a scaling event of the deployment spread over its active
 * ReplicaSets in proportion to their sizes, so that scaling mid-rollout neither hastens nor reverts it.
 */
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import { EventType } from '../../client/record/event-recorder.js';
import type { DeploymentSync } from './deployment-sync-state.js';
import { SCALING_REPLICA_SET_REASON } from './new-replica-set.js';
import {
  bySizeNewer,
  bySizeOlder,
  filterActive,
  findActiveOrLatest,
  replicasOf,
  specReplicas,
} from './replica-set-groups.js';
import { replicasAnnotationsNeedUpdate, setReplicasAnnotations } from './revision-annotations.js';
import {
  desiredReplicas,
  desiredReplicasAnnotation,
  isRollingUpdate,
  isSaturated,
  maxSurge,
  proportionOf,
} from './rollout-arithmetic.js';

export interface ScaleResult {
  readonly scaled: boolean;
  readonly rs: ReplicaSet;
}

/**
 * Sets `rs` to `newScale` replicas and its desired/max annotations to the deployment's; records a
 * ScalingReplicaSet event when the size changed. `operation` ("up"/"down") is the event's verb.
 */
export async function scaleReplicaSet(
  s: DeploymentSync,
  rs: ReplicaSet,
  newScale: number,
  operation: string,
): Promise<ScaleResult> {
  const d = s.d;
  const oldScale = replicasOf(rs);
  const desired = desiredReplicas(d);
  const max = desired + maxSurge(d);
  const sizeNeedsUpdate = oldScale !== newScale;
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
  const copy = structuredClone(rs);
  copy.spec = { ...copy.spec, replicas: newScale } as ReplicaSet['spec'];
  setReplicasAnnotations(copy, desired, max);
  const written = await s.updateReplicaSet(copy);
  if (!sizeNeedsUpdate) return { scaled: false, rs: written };
  s.event(
    EventType.Normal,
    SCALING_REPLICA_SET_REASON,
    `Scaled ${operation} replica set ${written.metadata?.name ?? ''} from ${oldScale} to ${newScale}`,
  );
  return { scaled: true, rs: written };
}

/** scaleReplicaSet when the size differs; nothing otherwise. */
export async function scaleReplicaSetAndRecordEvent(
  s: DeploymentSync,
  rs: ReplicaSet,
  newScale: number,
): Promise<ScaleResult> {
  if (replicasOf(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(s, rs, newScale, replicasOf(rs) < newScale ? 'up' : 'down');
}

/** Whether an active ReplicaSet was sized for another replica count than the deployment's (a scaling event). */
export function isScalingEvent(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): boolean {
  return filterActive([...oldRSs, newRS]).some((rs) => {
    const desired = desiredReplicasAnnotation(rs);
    return desired !== undefined && desired !== desiredReplicas(d);
  });
}

/** The new size of each of `active` (sorted as it should be served) when `toAdd` replicas are spread over them. */
export function proportionalSizes(d: Deployment, active: readonly ReplicaSet[], toAdd: number): number[] {
  let added = 0;
  const sizes = active.map((rs) => {
    if (toAdd === 0) return replicasOf(rs);
    const proportion = proportionOf(rs, d, toAdd, added);
    added += proportion;
    return replicasOf(rs) + proportion;
  });
  // The leftover goes to the first (largest) ReplicaSet.
  if (toAdd !== 0 && sizes.length > 0) sizes[0] = Math.max(0, (sizes[0] ?? 0) + toAdd - added);
  return sizes;
}

/**
 * Scales the deployment's ReplicaSets for a scaling event or a paused deployment (upstream scale): one active
 * ReplicaSet takes the whole count; a saturated new ReplicaSet leaves the old ones at zero; otherwise a
 * rolling deployment spreads the change over the active ReplicaSets in proportion.
 */
export async function scale(
  s: DeploymentSync,
  newRS: ReplicaSet | undefined,
  oldRSs: readonly ReplicaSet[],
): Promise<void> {
  const d = s.d;
  const desired = desiredReplicas(d);
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest !== undefined) {
    if (replicasOf(activeOrLatest) === desired) return;
    await scaleReplicaSetAndRecordEvent(s, activeOrLatest, desired);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of filterActive(oldRSs)) await scaleReplicaSetAndRecordEvent(s, old, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const active = filterActive([...oldRSs, newRS]);
  const allowed = desired > 0 ? desired + maxSurge(d) : 0;
  const toAdd = allowed - specReplicas(active);
  let operation = '';
  if (toAdd > 0) {
    active.sort(bySizeNewer);
    operation = 'up';
  } else if (toAdd < 0) {
    active.sort(bySizeOlder);
    operation = 'down';
  }
  const sizes = proportionalSizes(d, active, toAdd);
  for (const [i, rs] of active.entries()) await scaleReplicaSet(s, rs, sizes[i] ?? replicasOf(rs), operation);
}
