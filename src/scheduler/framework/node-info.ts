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
  node: Node | undefined;
  pods: PodInfo[] = [];
  /** Pods with any (required or preferred) pod affinity or anti-affinity term. */
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  usedPorts = new HostPortInfo();
  requested = new Resource();
  nonZeroRequested = new Resource();
  allocatable = new Resource();
  imageStates = new Map<string, ImageStateSummary>();
  /** Bumped on every change; the cache's snapshot copies nodes whose generation moved. */
  generation = 0;

  constructor(node?: Node) {
    if (node !== undefined) this.setNode(node);
  }

  get name(): string {
    return this.node?.metadata?.name ?? '';
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
    const copy = new NodeInfo();
    copy.node = this.node;
    copy.pods = [...this.pods];
    copy.podsWithAffinity = [...this.podsWithAffinity];
    copy.podsWithRequiredAntiAffinity = [...this.podsWithRequiredAntiAffinity];
    copy.usedPorts = this.usedPorts.clone();
    copy.requested = this.requested.clone();
    copy.nonZeroRequested = this.nonZeroRequested.clone();
    copy.allocatable = this.allocatable;
    copy.imageStates = this.imageStates;
    copy.generation = this.generation;
    return copy;
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
