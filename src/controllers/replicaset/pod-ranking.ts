/**
 * Which pods a ReplicaSet deletes first when it has too many (upstream ActivePodsWithRanks, with the
 * PodDeletionCost and LogarithmicScaleDown behaviour that is on by default): the pods that are the least
 * far along and the least costly to lose go first.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import { isPodActive, isPodReady, podCondition } from '../framework/pod-conditions.js';

/** The annotation users set to steer which pods go first (lower cost goes first). */
export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDINAL: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

/** A pod and its rank: the number of related active pods on its node (more doubled-up pods go first). */
export interface RankedPod {
  readonly pod: Pod;
  readonly rank: number;
}

/** Milliseconds since the epoch of an RFC 3339 time; 0 (the zero time) when absent or unparseable. */
function timeOf(text: string | undefined | null): number {
  const ms = text ? Date.parse(text) : NaN;
  return Number.isFinite(ms) ? ms : 0;
}

/** The pod-deletion-cost annotation as an int32; 0 when absent or invalid. */
export function deletionCost(pod: Pod): number {
  const text = pod.metadata?.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (text === undefined || !/^[+-]?\d+$/.test(text)) return 0;
  const value = Number(text);
  return value >= -2147483648 && value <= 2147483647 ? value : 0;
}

function readyTime(pod: Pod): number {
  return isPodReady(pod) ? timeOf(podCondition(pod, 'Ready')?.lastTransitionTime) : 0;
}

function maxRestarts(pod: Pod): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
}

/** t1 after t2, where the zero time counts as after every other time. */
function afterOrZero(t1: number, t2: number): boolean {
  if (t1 === 0 || t2 === 0) return t1 === 0;
  return t1 > t2;
}

/** floor(log2(age in nanoseconds)) − the same of t2: ages in powers of two, as upstream buckets them. */
function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  const rank = (t: number): number => {
    const ns = (now - t) * 1e6;
    return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
  };
  return rank(t1) - rank(t2);
}

/** Compares two times on a logarithmic scale; equal buckets fall back to the UIDs (a stable pseudo-random order). */
function newerFirst(a: RankedPod, b: RankedPod, ta: number, tb: number, now: number): boolean {
  if (now === 0 || ta === 0 || tb === 0) return afterOrZero(ta, tb);
  const diff = logarithmicRankDiff(ta, tb, now);
  if (diff === 0) return (a.pod.metadata?.uid ?? '') < (b.pod.metadata?.uid ?? '');
  return diff < 0;
}

/**
 * Whether `a` should be deleted before `b` at `now` (ms): unassigned before assigned; Pending before Unknown
 * before Running; not ready before ready; lower deletion cost first; higher rank first; ready for less time
 * first; more container restarts first; created more recently first.
 */
export function deleteBefore(a: RankedPod, b: RankedPod, now: number): boolean {
  const nodeA = a.pod.spec?.nodeName ?? '';
  const nodeB = b.pod.spec?.nodeName ?? '';
  if (nodeA !== nodeB && (nodeA === '' || nodeB === '')) return nodeA === '';
  const phaseA = PHASE_ORDINAL[a.pod.status?.phase ?? ''] ?? 0;
  const phaseB = PHASE_ORDINAL[b.pod.status?.phase ?? ''] ?? 0;
  if (phaseA !== phaseB) return phaseA < phaseB;
  const readyA = isPodReady(a.pod);
  if (readyA !== isPodReady(b.pod)) return !readyA;
  const costA = deletionCost(a.pod);
  const costB = deletionCost(b.pod);
  if (costA !== costB) return costA < costB;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (readyA) {
    const ta = readyTime(a.pod);
    const tb = readyTime(b.pod);
    if (ta !== tb) return newerFirst(a, b, ta, tb, now);
  }
  const restartsA = maxRestarts(a.pod);
  const restartsB = maxRestarts(b.pod);
  if (restartsA !== restartsB) return restartsA > restartsB;
  const ca = timeOf(a.pod.metadata?.creationTimestamp);
  const cb = timeOf(b.pod.metadata?.creationTimestamp);
  if (ca !== cb) return newerFirst(a, b, ca, cb, now);
  return false;
}

/**
 * Ranks `pods` by how many active pods of `related` (the pods of every ReplicaSet with the same owner,
 * usually a superset of `pods`) share their node.
 */
export function rankByRelatedPodsOnSameNode(pods: readonly Pod[], related: readonly Pod[]): RankedPod[] {
  const onNode = new Map<string, number>();
  for (const pod of related) {
    if (!isPodActive(pod)) continue;
    const node = pod.spec?.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  return pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
}

/** The `count` pods of `pods` to delete first (all of them when `count` covers them all). */
export function podsToDelete(pods: readonly Pod[], related: readonly Pod[], count: number, now: number): Pod[] {
  if (count >= pods.length) return [...pods];
  const ranked = rankByRelatedPodsOnSameNode(pods, related);
  ranked.sort((a, b) => (deleteBefore(a, b, now) ? -1 : deleteBefore(b, a, now) ? 1 : 0));
  return ranked.slice(0, count).map((r) => r.pod);
}
