/**
 * One node as a scheduling cycle sees it (upstream NodeInfo): the Node, the pods on it (bound, assumed or
 * nominated for a simulation), and the totals plugins read — requested resources, host ports in use, pods
 * with affinity. A snapshot holds clones, so a cycle reads a consistent view while the cache moves on.
 */
import type { Node } from '../../api/core/v1/node.js';
import { HostPortInfo, podHostPorts } from './host-ports.js';
import type { PodInfo } from './pod-info.js';
import { nodeAllocatable, Resource } from './resource.js';

export interface ImageStateSummary {
  /** Size of the image in bytes. */
  readonly size: number;
  /** How many nodes have it. */
  readonly numNodes: number;
}

export class NodeInfo {
  private current: Node | undefined;
  /** The node's name, kept beside the node: every Filter and Score call of a cycle may ask for it. */
  private currentName = '';
  // The totals every Filter and Score call reads come first, and a clone allocates them first, so that they
  // tend to sit next to the NodeInfo in memory (a cycle reads hundreds of nodes it has not touched lately).
  requested: Resource;
  nonZeroRequested: Resource;
  allocatable: Resource;
  pods: PodInfo[];
  /** Pods with any (required or preferred) pod affinity or anti-affinity term. */
  podsWithAffinity: PodInfo[];
  podsWithRequiredAntiAffinity: PodInfo[];
  usedPorts: HostPortInfo;
  imageStates: Map<string, ImageStateSummary>;
  /** Bumped on every change; the cache's snapshot copies nodes whose generation moved. */
  generation = 0;

  /** A NodeInfo of `node` with no pods. `copyOf` is for `clone()` alone. */
  constructor(node?: Node, copyOf?: NodeInfo) {
    if (copyOf !== undefined) {
      // A clone: share or copy the original's parts instead of making empty ones first.
      this.current = copyOf.current;
      this.currentName = copyOf.currentName;
      this.requested = copyOf.requested.clone();
      this.nonZeroRequested = copyOf.nonZeroRequested.clone();
      this.allocatable = copyOf.allocatable; // never changed in place: setNode replaces it
      this.pods = [...copyOf.pods];
      this.podsWithAffinity = [...copyOf.podsWithAffinity];
      this.podsWithRequiredAntiAffinity = [...copyOf.podsWithRequiredAntiAffinity];
      this.usedPorts = copyOf.usedPorts.clone();
      this.imageStates = copyOf.imageStates;
      this.generation = copyOf.generation;
      return;
    }
    this.requested = new Resource();
    this.nonZeroRequested = new Resource();
    this.allocatable = new Resource();
    this.pods = [];
    this.podsWithAffinity = [];
    this.podsWithRequiredAntiAffinity = [];
    this.usedPorts = new HostPortInfo();
    this.imageStates = new Map();
    if (node !== undefined) this.setNode(node);
  }

  /** The Node (undefined once it was removed while pods were still bound to it). */
  get node(): Node | undefined {
    return this.current;
  }

  set node(node: Node | undefined) {
    this.current = node;
    this.currentName = node?.metadata?.name ?? '';
  }

  get name(): string {
    return this.currentName;
  }

  setNode(node: Node): void {
    this.node = node;
    this.allocatable = nodeAllocatable(node);
  }

  addPod(info: PodInfo): void {
    this.pods.push(info);
    if (hasAffinity(info)) this.podsWithAffinity.push(info);
    if (info.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity.push(info);
    this.account(info, 1);
  }

  /** Removes the pod with `info.key`; false when it is not here. */
  removePod(info: PodInfo): boolean {
    const index = this.pods.findIndex((p) => p.key === info.key);
    if (index < 0) return false;
    const existing = this.pods[index] as PodInfo;
    this.pods.splice(index, 1);
    this.podsWithAffinity = removeKey(this.podsWithAffinity, info.key);
    this.podsWithRequiredAntiAffinity = removeKey(this.podsWithRequiredAntiAffinity, info.key);
    this.account(existing, -1);
    return true;
  }

  clone(): NodeInfo {
    return new NodeInfo(undefined, this);
  }

  private account(info: PodInfo, sign: 1 | -1): void {
    this.requested.add(info.requests, sign);
    this.nonZeroRequested.add(info.nonZeroRequests, sign);
    for (const port of podHostPorts(info.pod)) {
      if (sign === 1) this.usedPorts.add(port);
      else this.usedPorts.remove(port);
    }
    this.generation++;
  }
}

function hasAffinity(info: PodInfo): boolean {
  return (
    info.requiredAffinityTerms.length +
      info.requiredAntiAffinityTerms.length +
      info.preferredAffinityTerms.length +
      info.preferredAntiAffinityTerms.length >
    0
  );
}

function removeKey(list: PodInfo[], key: string): PodInfo[] {
  return list.some((p) => p.key === key) ? list.filter((p) => p.key !== key) : list;
}
