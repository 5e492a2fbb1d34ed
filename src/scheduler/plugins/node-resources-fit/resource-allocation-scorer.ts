/**
 * The score shared by NodeResourcesFit's strategies and NodeResourcesBalancedAllocation (upstream
 * resourceAllocationScorer): for each configured resource, what the node has allocatable and what it would have
 * requested with the pod, handed to a strategy function. Rules, as upstream:
 * - cpu and memory count the node's non-zero requests (containers without a request count 100m / 200Mi) plus the
 *   pod's non-zero request — or, with `useRequested` (BalancedAllocation), plain requests on both sides;
 * - ephemeral-storage and scalar resources always count plain requests;
 * - a scalar resource the pod does not request, or that the node does not have, is left out (allocatable 0), as
 *   is any other name (`pods`, `storage`, …).
 * Per node, nothing is allocated: the per-resource amounts go into two scratch arrays owned by the scorer (Score
 * is synchronous, so one pair serves every call).
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { NodeTotals } from '../../framework/node-totals.js';
import { podRequests } from '../../framework/resource.js';
import { ResourceKind, resourceKind } from './resource-names.js';
import type { ResourceSpec } from './resource-spec.js';

/**
 * Scores a node 0–MAX_NODE_SCORE from per-resource amounts, indexed like the configured resources; entries
 * whose allocatable is 0 must be skipped. Must not keep the arrays: they are reused for the next node.
 */
export type AllocationScorer = (requested: Float64Array, allocatable: Float64Array) => number;

export class ResourceAllocationScorer {
  private readonly names: readonly string[];
  private readonly kinds: Uint8Array;
  private readonly requested: Float64Array;
  private readonly allocatable: Float64Array;

  constructor(
    readonly resources: readonly ResourceSpec[],
    private readonly scorer: AllocationScorer,
    /** Count plain requests for cpu and memory instead of the non-zero ones. */
    private readonly useRequested: boolean,
  ) {
    this.names = resources.map((r) => r.name);
    this.kinds = Uint8Array.from(resources.map((r) => resourceKind(r.name)));
    this.requested = new Float64Array(resources.length);
    this.allocatable = new Float64Array(resources.length);
  }

  /** The pod's request of each configured resource, in order (computed once per pod, in PreScore). */
  podRequests(pod: Pod): number[] {
    const requests = podRequests(pod, !this.useRequested);
    return this.names.map((name) => requests.get(name));
  }

  /** Whether the pod requests none of the configured resources (a best-effort pod, for these resources). */
  static isBestEffort(podRequestList: readonly number[]): boolean {
    return podRequestList.every((r) => r === 0);
  }

  /** The node's score for a pod whose requests `podRequests` returned. */
  score(nodeInfo: NodeInfo, podRequestList: readonly number[]): number {
    const { allocatable, requested } = nodeInfo;
    const requestedOnNode = this.useRequested ? requested : nodeInfo.nonZeroRequested;
    return this.scoreAmounts(
      podRequestList,
      allocatable.milliCPU,
      requestedOnNode.milliCPU,
      allocatable.memory,
      requestedOnNode.memory,
      allocatable.ephemeralStorage,
      requested.ephemeralStorage,
      nodeInfo,
    );
  }

  /**
   * `score` for the node at `position` of a snapshot's totals, or undefined when the pod requests a configured
   * scalar resource (the totals keep none: `score` on the NodeInfo answers).
   */
  scoreAt(totals: NodeTotals, position: number, podRequestList: readonly number[]): number | undefined {
    const score = this.scoreAmounts(
      podRequestList,
      totals.allocatableMilliCPU(position),
      this.useRequested ? totals.requestedMilliCPU(position) : totals.nonZeroMilliCPU(position),
      totals.allocatableMemory(position),
      this.useRequested ? totals.requestedMemory(position) : totals.nonZeroMemory(position),
      totals.allocatableEphemeralStorage(position),
      totals.requestedEphemeralStorage(position),
      undefined,
    );
    return score < 0 ? undefined : score;
  }

  /** The score from the node's amounts; -1 when a scalar resource is needed and `nodeInfo` is not given. */
  private scoreAmounts(
    podRequestList: readonly number[],
    allocatableCPU: number,
    requestedCPU: number,
    allocatableMemory: number,
    requestedMemory: number,
    allocatableStorage: number,
    requestedStorage: number,
    nodeInfo: NodeInfo | undefined,
  ): number {
    for (let i = 0; i < this.kinds.length; i++) {
      const podRequest = podRequestList[i] ?? 0;
      let alloc = 0;
      let req = 0;
      switch (this.kinds[i]) {
        case ResourceKind.Cpu:
          alloc = allocatableCPU;
          req = requestedCPU + podRequest;
          break;
        case ResourceKind.Memory:
          alloc = allocatableMemory;
          req = requestedMemory + podRequest;
          break;
        case ResourceKind.EphemeralStorage:
          alloc = allocatableStorage;
          req = requestedStorage + podRequest;
          break;
        case ResourceKind.Scalar:
          if (podRequest !== 0) {
            if (nodeInfo === undefined) return -1;
            const name = this.names[i] as string;
            alloc = nodeInfo.allocatable.scalar.get(name) ?? 0;
            req = (nodeInfo.requested.scalar.get(name) ?? 0) + podRequest;
          }
          break;
        default:
          break;
      }
      this.allocatable[i] = alloc;
      this.requested[i] = alloc === 0 ? 0 : req;
    }
    return this.scorer(this.requested, this.allocatable);
  }
}
