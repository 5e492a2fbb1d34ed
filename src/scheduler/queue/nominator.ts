/**
 * Pods nominated to nodes (upstream nominator): a preemptor waits for its victims to leave, and meanwhile
 * other pods must count it on that node when they are filtered, or they would take the freed room.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import type { PodNominator } from '../framework/interfaces.js';
import { newPodInfo, type PodInfo, podKey } from '../framework/pod-info.js';

export class Nominator implements PodNominator {
  private readonly byNode = new Map<string, PodInfo[]>();
  private readonly nodeOfPod = new Map<string, string>();

  /** Records `pod` as nominated to `nodeName` (or to its status.nominatedNodeName when absent). */
  add(pod: Pod, nodeName?: string): void {
    const node = nodeName ?? pod.status?.nominatedNodeName ?? '';
    this.delete(pod);
    if (node === '' || pod.spec?.nodeName) return;
    const info = newPodInfo(pod);
    const list = this.byNode.get(node) ?? [];
    list.push(info);
    this.byNode.set(node, list);
    this.nodeOfPod.set(info.key, node);
  }

  delete(pod: Pod): void {
    const key = podKey(pod);
    const node = this.nodeOfPod.get(key);
    if (node === undefined) return;
    this.nodeOfPod.delete(key);
    const rest = (this.byNode.get(node) ?? []).filter((p) => p.key !== key);
    if (rest.length > 0) this.byNode.set(node, rest);
    else this.byNode.delete(node);
  }

  /** Keeps the nomination in step with a changed pod (a new status.nominatedNodeName replaces it). */
  update(oldPod: Pod, newPod: Pod): void {
    const before = oldPod.status?.nominatedNodeName ?? '';
    const after = newPod.status?.nominatedNodeName ?? '';
    // A nomination only in memory (set by this scheduler, not yet written) survives updates that carry none;
    // one the pod carried and lost is gone (upstream's nominator).
    const node = after !== '' ? after : before === '' ? this.nodeOfPod.get(podKey(oldPod)) : undefined;
    if (node) this.add(newPod, node);
    else this.delete(newPod);
  }

  nominatedNodeOf(pod: Pod): string | undefined {
    return this.nodeOfPod.get(podKey(pod));
  }

  nominatedPodsForNode(nodeName: string): readonly PodInfo[] {
    return this.byNode.get(nodeName) ?? NONE;
  }

  /** Whether any pod is nominated to any node. */
  hasAny(): boolean {
    return this.nodeOfPod.size > 0;
  }
}

const NONE: readonly PodInfo[] = Object.freeze([]);
