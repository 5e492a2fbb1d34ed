/**
 * The arithmetic of a DaemonSet rolling update (upstream rollingUpdate, updatedDesiredNodeCounts,
 * findUpdatedPodsOnNode). Without surge, old pods are deleted — unavailable ones at once, available ones
 * while fewer than maxUnavailable nodes are unavailable — and the core loop recreates them. With surge, a
 * new pod is created beside an old one on up to maxSurge nodes at a time, and the old pod goes once the new
 * one is available.
 */
import type { DaemonSet } from '../../api/apps/v1/daemon-set.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { isPodAvailable } from '../framework/pod-conditions.js';
import { isPodUpdated, minReadySecondsOf, surgeCount, unavailableCount } from './daemon-set-spec.js';

/**
 * The one new and one old pod on a node (pods being deleted ignored), or `ok: false` when there are more of
 * either (the core loop prunes those first).
 */
export function findUpdatedPodsOnNode(
  pods: readonly Pod[],
  hash: string,
  generation: number | undefined,
): { newPod?: Pod; oldPod?: Pod; ok: boolean } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod !== undefined) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod !== undefined) return { ok: false };
      oldPod = pod;
    }
  }
  return { ...(newPod ? { newPod } : {}), ...(oldPod ? { oldPod } : {}), ok: true };
}

export interface UpdateBudget {
  readonly maxSurge: number;
  readonly maxUnavailable: number;
  readonly desiredNumberScheduled: number;
}

/**
 * maxSurge and maxUnavailable for `desiredNumberScheduled` nodes; when both resolve to 0 on a non-empty
 * set, unavailability 1 (upstream updatedDesiredNodeCounts). @throws Error for an invalid percentage.
 */
export function updateBudget(ds: DaemonSet, desiredNumberScheduled: number): UpdateBudget {
  let maxUnavailable = unavailableCount(ds, desiredNumberScheduled);
  const maxSurge = surgeCount(ds, desiredNumberScheduled);
  if (desiredNumberScheduled > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable, desiredNumberScheduled };
}

export interface RollingUpdateInput {
  readonly ds: DaemonSet;
  /** Daemon pods by node; every node that should run one is present (with [] when it has none). */
  readonly nodeToDaemonPods: ReadonlyMap<string, readonly Pod[]>;
  readonly hash: string;
  readonly generation: number | undefined;
  readonly budget: UpdateBudget;
  readonly now: number;
  /** Whether the node should run a daemon pod; undefined when the node is unknown. */
  shouldRun(nodeName: string): boolean | undefined;
}

export interface RollingUpdatePlan {
  readonly podsToDelete: string[];
  readonly nodesToCreate: string[];
}

/** The deletions and creations of this step of the rolling update. @throws Error for an unknown node. */
export function planRollingUpdate(input: RollingUpdateInput): RollingUpdatePlan {
  const { budget, hash, generation, now } = input;
  const minReady = minReadySecondsOf(input.ds);
  const available = (pod: Pod): boolean => isPodAvailable(pod, minReady, now);
  const shouldRun = (nodeName: string): boolean => {
    const verdict = input.shouldRun(nodeName);
    if (verdict === undefined) throw new Error(`couldn't get node for nodeName "${nodeName}": node not found`);
    return verdict;
  };

  if (budget.maxSurge === 0) {
    let numUnavailable = 0;
    const allowedReplacements: string[] = [];
    const candidates: string[] = [];
    for (const pods of input.nodeToDaemonPods.values()) {
      const { newPod, oldPod, ok } = findUpdatedPodsOnNode(pods, hash, generation);
      if (!ok || (oldPod === undefined) === (newPod === undefined)) {
        // Excess pods, no pod, or an old and a new one: the core loop acts; count the node as unavailable.
        numUnavailable++;
      } else if (newPod !== undefined) {
        if (!available(newPod)) numUnavailable++;
      } else if (oldPod !== undefined) {
        if (!available(oldPod)) {
          allowedReplacements.push(oldPod.metadata?.name ?? '');
          numUnavailable++;
        } else if (numUnavailable < budget.maxUnavailable) {
          candidates.push(oldPod.metadata?.name ?? '');
        }
      }
    }
    const remaining = Math.min(Math.max(0, budget.maxUnavailable - numUnavailable), candidates.length);
    return { podsToDelete: [...allowedReplacements, ...candidates.slice(0, remaining)], nodesToCreate: [] };
  }

  const oldPodsToDelete: string[] = [];
  const shouldNotRunPodsToDelete: string[] = [];
  const candidateNewNodes: string[] = [];
  const allowedNewNodes: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  for (const [nodeName, pods] of input.nodeToDaemonPods) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(pods, hash, generation);
    if (!ok) {
      numSurge++;
      continue;
    }
    if (oldPod !== undefined ? available(oldPod) : newPod !== undefined && available(newPod)) numAvailable++;
    if (oldPod === undefined) continue;
    if (newPod === undefined) {
      if (!available(oldPod)) {
        if (!shouldRun(nodeName)) oldPodsToDelete.push(oldPod.metadata?.name ?? '');
        else allowedNewNodes.push(nodeName);
      } else if (!shouldRun(nodeName)) {
        shouldNotRunPodsToDelete.push(oldPod.metadata?.name ?? '');
      } else if (numSurge < budget.maxSurge) {
        candidateNewNodes.push(nodeName);
      }
      continue;
    }
    // Already surged here: wait for the new pod, then retire the old one.
    if (!available(newPod)) numSurge++;
    else oldPodsToDelete.push(oldPod.metadata?.name ?? '');
  }
  // With surge the owner expects full availability: a pod on a node it must leave goes only once enough
  // pods are available elsewhere.
  const deletable = Math.min(numAvailable - budget.desiredNumberScheduled, shouldNotRunPodsToDelete.length);
  if (deletable > 0) oldPodsToDelete.push(...shouldNotRunPodsToDelete.slice(0, deletable));
  const remainingSurge = Math.min(Math.max(0, budget.maxSurge - numSurge), candidateNewNodes.length);
  return {
    podsToDelete: oldPodsToDelete,
    nodesToCreate: [...allowedNewNodes, ...candidateNewNodes.slice(0, remainingSurge)],
  };
}
