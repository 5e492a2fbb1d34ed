/**
 * Which pods pod GC deletes (upstream podgc): terminated pods beyond the threshold, evicted ones first and then
 * the oldest; terminating pods on out-of-service nodes; pods bound to nodes that no longer exist; and pods being
 * deleted that were never scheduled. Pure functions over cached pods (which they do not mutate).
 */
import type { Node } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { isPodTerminal } from '../framework/pod-conditions.js';
import { nodeCondition } from '../node-lifecycle/node-health.js';
import { TAINT_NODE_OUT_OF_SERVICE } from '../node-lifecycle/node-taints.js';

/** The kubelet's reason for a pod it evicted (upstream eviction.PodIsEvicted). */
const EVICTED_REASON = 'Evicted';

/** A Failed pod the kubelet evicted. */
export function isPodEvicted(pod: Pod): boolean {
  return pod.status?.phase === 'Failed' && pod.status.reason === EVICTED_REASON;
}

/** Evicted pods first, then by creation time, then by name (upstream byEvictionAndCreationTimestamp). */
export function byEvictionAndCreation(a: Pod, b: Pod): number {
  const [ea, eb] = [isPodEvicted(a), isPodEvicted(b)];
  if (ea !== eb) return ea ? -1 : 1;
  const ca = Date.parse(a.metadata?.creationTimestamp ?? '') || 0;
  const cb = Date.parse(b.metadata?.creationTimestamp ?? '') || 0;
  if (ca !== cb) return ca - cb;
  const [na, nb] = [a.metadata?.name ?? '', b.metadata?.name ?? ''];
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** The terminated (Succeeded or Failed) pods over `threshold`, in deletion order; none when threshold ≤ 0. */
export function terminatedPodsToDelete(pods: readonly Pod[], threshold: number): Pod[] {
  if (threshold <= 0) return [];
  const terminated = pods.filter(isPodTerminal);
  const excess = terminated.length - threshold;
  if (excess <= 0) return [];
  return terminated.sort(byEvictionAndCreation).slice(0, excess);
}

/** Whether the node's Ready condition is True (upstream nodeutil.IsNodeReady). */
export function isNodeReady(node: Node): boolean {
  return nodeCondition(node.status, 'Ready')?.status === 'True';
}

/**
 * Pods being deleted on nodes that are not Ready and carry the `node.kubernetes.io/out-of-service` taint: an
 * administrator declared the node dead, so its pods will never finish terminating there. In deletion order.
 */
export function terminatingPodsOnOutOfServiceNodes(
  pods: readonly Pod[],
  nodeNamed: (name: string) => Node | undefined,
): Pod[] {
  const selected = pods.filter((pod) => {
    if (!pod.metadata?.deletionTimestamp) return false;
    const node = nodeNamed(pod.spec?.nodeName ?? '');
    if (node === undefined) return false;
    return !isNodeReady(node) && (node.spec?.taints ?? []).some((t) => t.key === TAINT_NODE_OUT_OF_SERVICE);
  });
  return selected.sort(byEvictionAndCreation);
}

/** The names of nodes that pods are bound to but that are not among `existing`. */
export function missingNodeNames(pods: readonly Pod[], existing: ReadonlySet<string>): Set<string> {
  const missing = new Set<string>();
  for (const pod of pods) {
    const nodeName = pod.spec?.nodeName;
    if (nodeName && !existing.has(nodeName)) missing.add(nodeName);
  }
  return missing;
}

/** Pods being deleted that were never bound to a node (no kubelet will ever finish them). */
export function unscheduledTerminatingPods(pods: readonly Pod[]): Pod[] {
  return pods.filter((pod) => pod.metadata?.deletionTimestamp && !pod.spec?.nodeName);
}
