/**
 * Whether a DaemonSet's pod belongs on a node (upstream NodeShouldRunDaemonPod): the template's nodeName (if
 * any) must be the node, the template's nodeSelector and required node affinity must match the node's
 * labels, and the node's NoSchedule/NoExecute taints must be tolerated — with the tolerations every daemon
 * pod gets. A pod already there may stay on a node whose only untolerated taints are NoSchedule.
 * Compiled once per DaemonSet, then cheap per node (1,000 nodes per sync).
 */
import type { DaemonSet } from '../../api/apps/v1/daemon-set.js';
import type { Node } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { Toleration } from '../../api/core/v1/scheduling.js';
import { RequiredNodeAffinity } from '../../scheduler/plugins/node-affinity/required-node-affinity.js';
import {
  findUntoleratedTaint,
  isDoNotScheduleTaint,
  TaintEffect,
} from '../../scheduler/plugins/taint-toleration/toleration.js';
import { withDaemonTolerations } from './daemon-pod-template.js';

export interface NodeVerdict {
  /** A daemon pod should be created on the node if it has none. */
  readonly shouldRun: boolean;
  /** A daemon pod already on the node may keep running. */
  readonly shouldContinueRunning: boolean;
}

const NO: NodeVerdict = { shouldRun: false, shouldContinueRunning: false };
const YES: NodeVerdict = { shouldRun: true, shouldContinueRunning: true };

export type NodeEligibility = (node: Node) => NodeVerdict;

/** Compiles `ds`'s placement rules into a per-node check. Does not mutate `ds`. */
export function daemonSetEligibility(ds: DaemonSet): NodeEligibility {
  const spec = ds.spec?.template?.spec ?? { containers: [] };
  const wantedNode = spec.nodeName ?? '';
  const affinity = RequiredNodeAffinity.of({ spec } as Pod);
  const tolerations: readonly Toleration[] = withDaemonTolerations(spec).tolerations ?? [];
  return (node) => {
    const name = node.metadata?.name ?? '';
    if (wantedNode !== '' && wantedNode !== name) return NO;
    if (!affinity.matches(node)) return NO;
    const taints = node.spec?.taints ?? undefined;
    if (findUntoleratedTaint(taints, tolerations, isDoNotScheduleTaint) === undefined) return YES;
    const evicting = findUntoleratedTaint(taints, tolerations, (t) => t.effect === TaintEffect.NoExecute);
    return { shouldRun: false, shouldContinueRunning: evicting === undefined };
  };
}

/** One-off check of one node (compiles `ds` each time; keep a NodeEligibility for many nodes). */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): NodeVerdict {
  return daemonSetEligibility(ds)(node);
}
