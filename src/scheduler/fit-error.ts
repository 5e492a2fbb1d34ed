/**
 * FitError: why no node could take a pod, worded as upstream's FitError.Error():
 * `0/3 nodes are available: 1 node(s) had untolerated taint {k: v}, 2 Insufficient cpu. preemption: …`
 * Reasons are counted over nodes and listed as "<count> <reason>" sorted as strings.
 */
import type { NodeStatusMap } from './framework/interfaces.js';

export const NO_NODE_AVAILABLE = (n: number): string => `0/${n} nodes are available`;

export interface Diagnosis {
  readonly nodeStatuses: NodeStatusMap;
  /** Plugins that rejected the pod on some node (their events can move it back). */
  readonly unschedulablePlugins: Set<string>;
  /** When PreFilter rejected the pod outright, its message. */
  preFilterMessage: string;
  /** PostFilter's (preemption's) message, when it ran and did not help. */
  postFilterMessage: string;
}

export class FitError {
  constructor(
    readonly numAllNodes: number,
    readonly diagnosis: Diagnosis,
  ) {}

  message(): string {
    let text = `${NO_NODE_AVAILABLE(this.numAllNodes)}:`;
    if (this.diagnosis.preFilterMessage !== '') {
      text += ` ${this.diagnosis.preFilterMessage}.`;
    } else {
      text += ` ${reasonHistogram(this.diagnosis.nodeStatuses).join(', ')}.`;
    }
    if (this.diagnosis.postFilterMessage !== '') text += ` ${this.diagnosis.postFilterMessage}.`;
    return text;
  }
}

/** "<count> <reason>" per distinct reason over every node's status, sorted as strings. */
export function reasonHistogram(statuses: NodeStatusMap): string[] {
  const counts = new Map<string, number>();
  for (const status of statuses.values()) {
    for (const reason of status.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
}
