/**
 * The annotations a deployment keeps on its ReplicaSets (upstream deployment util): the revision (and, on a
 * ReplicaSet rolled back to, the revisions it served before), the desired and maximum replica counts, and
 * the deployment's own annotations copied over.
 */
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import {
  DESIRED_REPLICAS_ANNOTATION,
  desiredReplicas,
  MAX_REPLICAS_ANNOTATION,
  maxSurge,
} from './rollout-arithmetic.js';
import { REVISION_ANNOTATION } from './replica-set-groups.js';

export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const LAST_APPLIED_CONFIG_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
export const DEPRECATED_ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';

/** Upstream keeps the revision history to about 2,000 characters. */
export const MAX_REVISION_HISTORY_CHARS = 2000;

/** The deployment annotations never copied to ReplicaSets (nor restored from them on a rollback). */
export const ANNOTATIONS_TO_SKIP: ReadonlySet<string> = new Set([
  LAST_APPLIED_CONFIG_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  DEPRECATED_ROLLBACK_TO_ANNOTATION,
]);

type Annotated = { metadata?: { annotations?: Record<string, string> | null } };

function annotationsOf(obj: Annotated): Record<string, string> {
  obj.metadata ??= {};
  obj.metadata.annotations ??= {};
  return obj.metadata.annotations;
}

/** Copies the deployment's annotations (but the skipped ones) onto `rs` (a copy); true if any changed. */
export function copyDeploymentAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  const target = annotationsOf(rs);
  let changed = false;
  for (const [key, value] of Object.entries(d.metadata?.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(key) || target[key] === value) continue;
    target[key] = value;
    changed = true;
  }
  return changed;
}

/** Sets desired-replicas and max-replicas on `rs` (a copy); true if either changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const target = annotationsOf(rs);
  let changed = false;
  if (target[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    target[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    changed = true;
  }
  if (target[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    target[MAX_REPLICAS_ANNOTATION] = String(max);
    changed = true;
  }
  return changed;
}

/** Whether desired-replicas or max-replicas of `rs` differ from these values. */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const annotations = rs.metadata?.annotations;
  return (
    annotations?.[DESIRED_REPLICAS_ANNOTATION] !== String(desired) ||
    annotations[MAX_REPLICAS_ANNOTATION] !== String(max)
  );
}

/** Appends `oldRevision` to a comma-separated history, dropping the oldest entries past `limit` characters. */
export function appendRevisionHistory(history: string, oldRevision: string, limit: number): string | undefined {
  if (history === '') return oldRevision;
  const entries = history.split(',');
  let total = history.length + oldRevision.length + 1;
  let start = 0;
  while (total > limit && start < entries.length) {
    total -= (entries[start]?.length ?? 0) + 1;
    start++;
  }
  return total <= limit ? [...entries.slice(start), oldRevision].join(',') : undefined;
}

/**
 * Brings the new ReplicaSet's annotations (on `rs`, a copy) up to date: the deployment's annotations, the
 * revision `newRevision` if its own is lower (keeping the lower one in revision-history: it is being rolled
 * back to), and — for a ReplicaSet about to be created — the replica annotations. True if any changed.
 */
export function setNewReplicaSetAnnotations(
  d: Deployment,
  rs: ReplicaSet,
  newRevision: string,
  exists: boolean,
  historyLimit = MAX_REVISION_HISTORY_CHARS,
): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const annotations = annotationsOf(rs);
  const oldRevision = annotations[REVISION_ANNOTATION];
  let oldRevisionNumber = 0;
  if (oldRevision !== undefined && oldRevision !== '') {
    if (!/^[+-]?\d+$/.test(oldRevision)) return false;
    oldRevisionNumber = Number(oldRevision);
  }
  if (!/^[+-]?\d+$/.test(newRevision)) return false;
  const newRevisionNumber = Number(newRevision);
  if (oldRevisionNumber < newRevisionNumber) {
    annotations[REVISION_ANNOTATION] = newRevision;
    changed = true;
    if (oldRevision !== undefined) {
      const history = appendRevisionHistory(annotations[REVISION_HISTORY_ANNOTATION] ?? '', oldRevision, historyLimit);
      if (history !== undefined) annotations[REVISION_HISTORY_ANNOTATION] = history;
    }
  }
  if (!exists && setReplicasAnnotations(rs, desiredReplicas(d), desiredReplicas(d) + maxSurge(d))) changed = true;
  return changed;
}

/** Sets the deployment's revision annotation (on `d`, a copy); true if it changed. */
export function setDeploymentRevision(d: Deployment, revision: string): boolean {
  const annotations = annotationsOf(d);
  if (annotations[REVISION_ANNOTATION] === revision) return false;
  annotations[REVISION_ANNOTATION] = revision;
  return true;
}
