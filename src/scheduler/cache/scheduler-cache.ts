/**
 * The scheduler's cache (upstream internal/cache): every node with the pods bound to it, plus pods the
 * scheduler has *assumed* onto a node — decided but not yet confirmed bound — so the next cycle already
 * counts them. Assume → bind in the background → the informer's add confirms it (or `forget` on failure).
 * `updateSnapshot` copies only the nodes that changed since the last cycle into the cycle's Snapshot.
 */
import type { Node } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { NodeInfo } from '../framework/node-info.js';
import { newPodInfo, type PodInfo, podKey } from '../framework/pod-info.js';
import type { Snapshot } from '../framework/snapshot.js';

interface PodState {
  info: PodInfo;
  nodeName: string;
  assumed: boolean;
}

export class SchedulerCache {
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly pods = new Map<string, PodState>();
  /** Nodes changed since the last snapshot (added, updated or removed). */
  private readonly dirty = new Set<string>();
  private imageNodes = new Map<string, { size: number; nodes: Set<string> }>();
  private imagesDirty = false;

  addNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    const info = this.nodes.get(name) ?? new NodeInfo();
    // Image counts change only with a node's image list (a heartbeat leaves them alone).
    if (info.node === undefined || !sameImages(info.node, node)) this.imagesDirty = true;
    info.setNode(node);
    info.generation++;
    this.nodes.set(name, info);
    this.dirty.add(name);
  }

  updateNode(node: Node): void {
    this.addNode(node);
  }

  removeNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    const info = this.nodes.get(name);
    if (info === undefined) return;
    // Pods still bound to a removed node keep a node-less entry until they go (as upstream).
    if (info.pods.length > 0) {
      info.node = undefined;
      info.generation++;
    } else {
      this.nodes.delete(name);
    }
    this.dirty.add(name);
    this.imagesDirty = true;
  }

  /** Marks `pod` as placed on `nodeName` before the binding is confirmed. */
  assumePod(pod: Pod, nodeName: string): PodInfo {
    const key = podKey(pod);
    const existing = this.pods.get(key);
    if (existing !== undefined) this.removeFromNode(existing);
    const info = newPodInfo(pod);
    const state: PodState = { info, nodeName, assumed: true };
    this.pods.set(key, state);
    this.addToNode(state);
    return info;
  }

  /** Undoes an assumption (binding failed). */
  forgetPod(pod: Pod): void {
    const key = podKey(pod);
    const state = this.pods.get(key);
    if (state === undefined || !state.assumed) return;
    this.removeFromNode(state);
    this.pods.delete(key);
  }

  isAssumed(pod: Pod): boolean {
    return this.pods.get(podKey(pod))?.assumed ?? false;
  }

  /** A pod bound to a node appeared (the informer): confirms an assumption or adds it. */
  addPod(pod: Pod): void {
    const nodeName = pod.spec?.nodeName ?? '';
    if (nodeName === '') return;
    const key = podKey(pod);
    const existing = this.pods.get(key);
    if (existing !== undefined) this.removeFromNode(existing);
    const state: PodState = { info: newPodInfo(pod), nodeName, assumed: false };
    this.pods.set(key, state);
    this.addToNode(state);
  }

  updatePod(_oldPod: Pod, newPod: Pod): void {
    this.addPod(newPod);
  }

  removePod(pod: Pod): void {
    const key = podKey(pod);
    const state = this.pods.get(key);
    if (state === undefined) return;
    this.removeFromNode(state);
    this.pods.delete(key);
  }

  nodeCount(): number {
    let n = 0;
    for (const info of this.nodes.values()) if (info.node !== undefined) n++;
    return n;
  }

  podCount(): number {
    return this.pods.size;
  }

  /** The cached NodeInfo of `name` (not a copy: read only). */
  nodeInfo(name: string): NodeInfo | undefined {
    return this.nodes.get(name);
  }

  /** Copies the nodes that changed since the last call into `snapshot`. */
  updateSnapshot(snapshot: Snapshot): void {
    if (this.imagesDirty) this.refreshImages();
    if (this.dirty.size === 0) return;
    let affinityChanged = false;
    for (const name of this.dirty) {
      const info = this.nodes.get(name);
      const before = snapshot.get(name);
      if (
        before !== undefined &&
        (before.podsWithAffinity.length > 0 || before.podsWithRequiredAntiAffinity.length > 0)
      )
        affinityChanged = true;
      if (info === undefined || info.node === undefined) {
        if (before !== undefined) snapshot.remove(name);
        continue;
      }
      const copy = info.clone();
      if (copy.podsWithAffinity.length > 0) affinityChanged = true;
      snapshot.set(copy);
    }
    this.dirty.clear();
    if (affinityChanged) snapshot.refreshAffinityLists();
  }

  private addToNode(state: PodState): void {
    let info = this.nodes.get(state.nodeName);
    if (info === undefined) {
      info = new NodeInfo();
      this.nodes.set(state.nodeName, info);
    }
    info.addPod(state.info);
    this.dirty.add(state.nodeName);
  }

  private removeFromNode(state: PodState): void {
    const info = this.nodes.get(state.nodeName);
    if (info === undefined) return;
    info.removePod(state.info);
    if (info.node === undefined && info.pods.length === 0) this.nodes.delete(state.nodeName);
    this.dirty.add(state.nodeName);
  }

  /** Recounts on how many nodes each image is (ImageLocality spreads by it). */
  private refreshImages(): void {
    this.imagesDirty = false;
    const images = new Map<string, { size: number; nodes: Set<string> }>();
    for (const [name, info] of this.nodes) {
      for (const image of info.node?.status?.images ?? []) {
        for (const imageName of image.names ?? []) {
          const entry = images.get(imageName) ?? { size: image.sizeBytes ?? 0, nodes: new Set<string>() };
          entry.nodes.add(name);
          images.set(imageName, entry);
        }
      }
    }
    this.imageNodes = images;
    for (const [name, info] of this.nodes) {
      const states = new Map<string, { size: number; numNodes: number }>();
      for (const image of info.node?.status?.images ?? []) {
        for (const imageName of image.names ?? []) {
          const entry = this.imageNodes.get(imageName);
          if (entry !== undefined) states.set(imageName, { size: entry.size, numNodes: entry.nodes.size });
        }
      }
      if (!sameImageStates(states, info.imageStates)) {
        info.imageStates = states;
        info.generation++;
        this.dirty.add(name);
      }
    }
  }
}

function sameImages(a: Node, b: Node): boolean {
  return JSON.stringify(a.status?.images ?? []) === JSON.stringify(b.status?.images ?? []);
}

function sameImageStates(
  a: ReadonlyMap<string, { size: number; numNodes: number }>,
  b: ReadonlyMap<string, { size: number; numNodes: number }>,
): boolean {
  if (a.size !== b.size) return false;
  for (const [name, state] of a) {
    const other = b.get(name);
    if (other === undefined || other.size !== state.size || other.numNodes !== state.numNodes) return false;
  }
  return true;
}
