/**
 * Which nodes a spread constraint counts (upstream matchNodeInclusionPolicies): with nodeAffinityPolicy Honor
 * only nodes that satisfy the incoming pod's nodeSelector / required node affinity; with nodeTaintsPolicy Honor
 * only nodes whose NoSchedule/NoExecute taints the pod tolerates.
 */
import type { Node, Taint } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { Toleration } from '../../../api/core/v1/scheduling.js';
import type { SpreadConstraint } from './constraints.js';
import { RequiredNodeAffinity } from './node-selector.js';

/** Whether `toleration` tolerates `taint` (upstream Toleration.ToleratesTaint, without the alpha Gt/Lt). */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** Whether `node` has a NoSchedule or NoExecute taint that none of `tolerations` tolerates. */
export function hasUntoleratedTaint(node: Node, tolerations: readonly Toleration[]): boolean {
  for (const taint of node.spec?.taints ?? []) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerations.some((t) => tolerates(t, taint))) return true;
  }
  return false;
}

/**
 * The incoming pod's side of the node inclusion policies, parsed once per pod. `includes` answers per
 * constraint and caches the per-node answers of the node last asked about, so a node costs at most one affinity
 * and one taint check however many constraints honour them.
 */
export class NodeInclusion {
  private readonly affinity: RequiredNodeAffinity;
  private readonly tolerations: readonly Toleration[];
  private lastNode: Node | undefined;
  private affinityResult = -1;
  private taintResult = -1;

  constructor(pod: Pod) {
    this.affinity = RequiredNodeAffinity.of(pod);
    this.tolerations = pod.spec?.tolerations ?? [];
  }

  /** Whether `constraint` counts every node regardless of this pod (no policy of it depends on the pod). */
  isTrivialFor(constraint: SpreadConstraint): boolean {
    return (!constraint.honorNodeAffinity || this.affinity.matchesAll) && !constraint.honorNodeTaints;
  }

  /** Whether `constraint` counts pods on `node` under its nodeAffinityPolicy and nodeTaintsPolicy. */
  includes(constraint: SpreadConstraint, node: Node): boolean {
    if (node !== this.lastNode) {
      this.lastNode = node;
      this.affinityResult = -1;
      this.taintResult = -1;
    }
    if (constraint.honorNodeAffinity && !this.affinity.matchesAll) {
      if (this.affinityResult < 0) this.affinityResult = this.affinity.matches(node) ? 1 : 0;
      if (this.affinityResult === 0) return false;
    }
    if (constraint.honorNodeTaints) {
      if (this.taintResult < 0) this.taintResult = hasUntoleratedTaint(node, this.tolerations) ? 0 : 1;
      if (this.taintResult === 0) return false;
    }
    return true;
  }
}
