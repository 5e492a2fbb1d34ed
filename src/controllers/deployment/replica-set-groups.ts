/**
 * A deployment's ReplicaSets sorted and summed (upstream controller_utils and deployment util): which one is
 * new (its template equals the deployment's), which are old, their orders, and their replica counts.
 */
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import type { PodTemplateSpec } from '../../api/core/v1/pod-spec.js';
import { equalIgnoreHash } from './pod-template-hash.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

/** spec.replicas of a ReplicaSet (0 when absent: the deployment controller always sets it). */
export const replicasOf = (rs: ReplicaSet): number => rs.spec?.replicas ?? 0;

/** The revision annotation as a number: 0 when absent, undefined when unparseable. */
export function revisionOf(obj: { metadata?: { annotations?: Record<string, string> | null } }): number | undefined {
  const text = obj.metadata?.annotations?.[REVISION_ANNOTATION];
  if (text === undefined) return 0;
  return /^[+-]?\d+$/.test(text) ? Number(text) : undefined;
}

const createdAt = (rs: ReplicaSet): number => {
  const ms = Date.parse(rs.metadata?.creationTimestamp ?? '');
  return Number.isFinite(ms) ? ms : 0;
};

/** Older first; the same second ordered by name. */
export function byCreationTimestamp(a: ReplicaSet, b: ReplicaSet): number {
  const diff = createdAt(a) - createdAt(b);
  if (diff !== 0) return diff;
  const na = a.metadata?.name ?? '';
  const nb = b.metadata?.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** Larger first; equal sizes older first (scaling down takes from the oldest). */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return replicasOf(b) - replicasOf(a) || byCreationTimestamp(a, b);
}

/** Larger first; equal sizes newer first (scaling up gives to the newest). */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return replicasOf(b) - replicasOf(a) || byCreationTimestamp(b, a);
}

/** Lower revision first; unparseable or equal revisions by creation. */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  if (ra === undefined || rb === undefined || ra === rb) return byCreationTimestamp(a, b);
  return ra - rb;
}

/** The ReplicaSets that have (or ought to have) pods. */
export const filterActive = (rss: readonly (ReplicaSet | undefined)[]): ReplicaSet[] =>
  rss.filter((rs): rs is ReplicaSet => rs !== undefined && replicasOf(rs) > 0);

const sum = (rss: readonly (ReplicaSet | undefined)[], f: (rs: ReplicaSet) => number): number =>
  rss.reduce((total, rs) => total + (rs === undefined ? 0 : f(rs)), 0);

/** The sum of spec.replicas. */
export const specReplicas = (rss: readonly (ReplicaSet | undefined)[]): number => sum(rss, replicasOf);
/** The sum of status.replicas. */
export const actualReplicas = (rss: readonly (ReplicaSet | undefined)[]): number =>
  sum(rss, (rs) => rs.status?.replicas ?? 0);
/** The sum of status.readyReplicas. */
export const readyReplicas = (rss: readonly (ReplicaSet | undefined)[]): number =>
  sum(rss, (rs) => rs.status?.readyReplicas ?? 0);
/** The sum of status.availableReplicas. */
export const availableReplicas = (rss: readonly (ReplicaSet | undefined)[]): number =>
  sum(rss, (rs) => rs.status?.availableReplicas ?? 0);

/** The oldest ReplicaSet whose template equals the deployment's, ignoring the hash label. */
export function findNewReplicaSet(d: Deployment, rss: readonly ReplicaSet[]): ReplicaSet | undefined {
  const template = d.spec?.template as PodTemplateSpec | undefined;
  return [...rss]
    .sort(byCreationTimestamp)
    .find((rs) => equalIgnoreHash(rs.spec?.template as PodTemplateSpec | undefined, template));
}

/** Every ReplicaSet but the new one. */
export function findOldReplicaSets(d: Deployment, rss: readonly ReplicaSet[]): ReplicaSet[] {
  const newRS = findNewReplicaSet(d, rss);
  return rss.filter((rs) => newRS === undefined || rs.metadata?.uid !== newRS.metadata?.uid);
}

/**
 * The one ReplicaSet to scale on a plain scaling event: the only active one, or (none active) the new one
 * or else the newest old one; undefined when several are active (they are scaled in proportion).
 */
export function findActiveOrLatest(
  newRS: ReplicaSet | undefined,
  oldRSs: readonly ReplicaSet[],
): ReplicaSet | undefined {
  if (newRS === undefined && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreationTimestamp(b, a));
  const active = filterActive([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** The highest revision among `rss` (unparseable ones skipped). */
export function maxRevision(rss: readonly (ReplicaSet | undefined)[]): number {
  let max = 0;
  for (const rs of rss) {
    const v = rs === undefined ? undefined : revisionOf(rs);
    if (v !== undefined && v > max) max = v;
  }
  return max;
}
