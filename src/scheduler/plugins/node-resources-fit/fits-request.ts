/**
 * Whether a pod's requests fit on a node (upstream noderesources fitsRequest). Checked in upstream's order:
 * the pod count, then cpu, memory, ephemeral-storage, then each scalar resource. A resource misfits when the pod
 * asks for more than allocatable minus what the node's pods already request; a pod asking for more than the
 * node's whole allocatable (preemption cannot help) makes the rejection UnschedulableAndUnresolvable. "Too many
 * pods" alone stays Unschedulable.
 *
 * The Filter path works on bit sets and reuses one frozen Status per combination of the built-in reasons, so a
 * node that fits, or misfits on cpu/memory/ephemeral-storage/pods only, costs no allocation.
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import { Status } from '../../framework/status.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { NodeTotals } from '../../framework/node-totals.js';
import { CPU, EPHEMERAL_STORAGE, MEMORY, PODS } from '../../framework/resource.js';
import { computePodResourceRequest, type PodResourceRequest } from './pod-resource-request.js';

export const TOO_MANY_PODS = 'Too many pods';
export const INSUFFICIENT_CPU = 'Insufficient cpu';
export const INSUFFICIENT_MEMORY = 'Insufficient memory';
export const INSUFFICIENT_EPHEMERAL_STORAGE = 'Insufficient ephemeral-storage';

/** Bits of a misfit: which built-in resources did not fit, and whether any request exceeds the whole node. */
const Misfit = {
  Pods: 1,
  Cpu: 2,
  Memory: 4,
  EphemeralStorage: 8,
  Unresolvable: 16,
  Scalar: 32,
} as const;
const STATUS_COMBINATIONS = 32;

/** One resource the pod does not fit on the node for (upstream InsufficientResource). */
export interface InsufficientResource {
  readonly resourceName: string;
  readonly reason: string;
  readonly requested: number;
  readonly used: number;
  readonly capacity: number;
  /** The request exceeds the node's allocatable: no preemption can make room. */
  readonly unresolvable: boolean;
}

function builtinMisfits(req: PodResourceRequest, nodeInfo: NodeInfo): number {
  const { allocatable, requested } = nodeInfo;
  return misfitBits(
    req,
    nodeInfo.pods.length,
    allocatable.allowedPodNumber,
    allocatable.milliCPU,
    requested.milliCPU,
    allocatable.memory,
    requested.memory,
    allocatable.ephemeralStorage,
    requested.ephemeralStorage,
  );
}

/** builtinMisfits of the node at `position` of a snapshot's totals. */
function builtinMisfitsAt(req: PodResourceRequest, totals: NodeTotals, position: number): number {
  return misfitBits(
    req,
    totals.podCount(position),
    totals.allowedPodNumber(position),
    totals.allocatableMilliCPU(position),
    totals.requestedMilliCPU(position),
    totals.allocatableMemory(position),
    totals.requestedMemory(position),
    totals.allocatableEphemeralStorage(position),
    totals.requestedEphemeralStorage(position),
  );
}

function misfitBits(
  req: PodResourceRequest,
  pods: number,
  allowedPods: number,
  allocatableCPU: number,
  usedCPU: number,
  allocatableMemory: number,
  usedMemory: number,
  allocatableStorage: number,
  usedStorage: number,
): number {
  let bits = pods + 1 > allowedPods ? Misfit.Pods : 0;
  if (req.milliCPU > 0 && req.milliCPU > allocatableCPU - usedCPU) {
    bits |= Misfit.Cpu | (req.milliCPU > allocatableCPU ? Misfit.Unresolvable : 0);
  }
  if (req.memory > 0 && req.memory > allocatableMemory - usedMemory) {
    bits |= Misfit.Memory | (req.memory > allocatableMemory ? Misfit.Unresolvable : 0);
  }
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > allocatableStorage - usedStorage) {
    bits |= Misfit.EphemeralStorage | (req.ephemeralStorage > allocatableStorage ? Misfit.Unresolvable : 0);
  }
  return bits;
}

/** 0 when the pod's i-th scalar resource fits; otherwise Misfit.Scalar, with Misfit.Unresolvable if it never can. */
function scalarMisfit(req: PodResourceRequest, i: number, nodeInfo: NodeInfo): number {
  const name = req.scalarNames[i] as string;
  const amount = req.scalarAmounts[i] as number;
  const allocatable = nodeInfo.allocatable.scalar.get(name) ?? 0;
  if (amount <= allocatable - (nodeInfo.requested.scalar.get(name) ?? 0)) return 0;
  return amount > allocatable ? Misfit.Scalar | Misfit.Unresolvable : Misfit.Scalar;
}

function builtinReasons(bits: number): string[] {
  const reasons: string[] = [];
  if (bits & Misfit.Pods) reasons.push(TOO_MANY_PODS);
  if (bits & Misfit.Cpu) reasons.push(INSUFFICIENT_CPU);
  if (bits & Misfit.Memory) reasons.push(INSUFFICIENT_MEMORY);
  if (bits & Misfit.EphemeralStorage) reasons.push(INSUFFICIENT_EPHEMERAL_STORAGE);
  return reasons;
}

function rejection(bits: number, reasons: string[]): Status {
  return bits & Misfit.Unresolvable ? Status.unresolvable(...reasons) : Status.unschedulable(...reasons);
}

/** The rejections made of built-in reasons only, built on first use and shared afterwards (they are frozen). */
export class MisfitStatuses {
  private readonly byBits: (Status | undefined)[] = new Array<Status | undefined>(STATUS_COMBINATIONS);

  get(bits: number): Status {
    return (this.byBits[bits] ??= rejection(bits, builtinReasons(bits)));
  }
}

/**
 * Filter's verdict for `req` on `nodeInfo`: Success, or a rejection listing every resource that does not fit
 * (Unschedulable, or UnschedulableAndUnresolvable when some request exceeds the node's allocatable).
 */
export function filterRequest(req: PodResourceRequest, nodeInfo: NodeInfo, statuses: MisfitStatuses): Status {
  let bits = builtinMisfits(req, nodeInfo);
  let scalarReasons: string[] | undefined;
  for (let i = 0; i < req.scalarNames.length; i++) {
    const misfit = scalarMisfit(req, i, nodeInfo);
    if (misfit === 0) continue;
    bits |= misfit & Misfit.Unresolvable;
    (scalarReasons ??= []).push(req.scalarReasons[i] as string);
  }
  if (scalarReasons === undefined) return bits === 0 ? Status.SUCCESS : statuses.get(bits);
  return rejection(bits, [...builtinReasons(bits), ...scalarReasons]);
}

/**
 * filterRequest for the node at `position` of a snapshot's totals, or undefined when the pod requests scalar
 * resources (the totals keep none: filterRequest on the NodeInfo answers).
 */
export function filterRequestAt(
  req: PodResourceRequest,
  totals: NodeTotals,
  position: number,
  statuses: MisfitStatuses,
): Status | undefined {
  if (req.scalarNames.length > 0) return undefined;
  const bits = builtinMisfitsAt(req, totals, position);
  return bits === 0 ? Status.SUCCESS : statuses.get(bits);
}

/** Every resource `req` does not fit on `nodeInfo` for, with amounts (empty when it fits). */
export function insufficientResources(req: PodResourceRequest, nodeInfo: NodeInfo): InsufficientResource[] {
  const bits = builtinMisfits(req, nodeInfo);
  const allocatable = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  const out: InsufficientResource[] = [];
  const add = (resourceName: string, reason: string, requested: number, usedAmount: number, capacity: number) =>
    out.push({ resourceName, reason, requested, used: usedAmount, capacity, unresolvable: requested > capacity });
  if (bits & Misfit.Pods) {
    out.push({
      resourceName: PODS,
      reason: TOO_MANY_PODS,
      requested: 1,
      used: nodeInfo.pods.length,
      capacity: allocatable.allowedPodNumber,
      unresolvable: false,
    });
  }
  if (bits & Misfit.Cpu) add(CPU, INSUFFICIENT_CPU, req.milliCPU, used.milliCPU, allocatable.milliCPU);
  if (bits & Misfit.Memory) add(MEMORY, INSUFFICIENT_MEMORY, req.memory, used.memory, allocatable.memory);
  if (bits & Misfit.EphemeralStorage) {
    add(
      EPHEMERAL_STORAGE,
      INSUFFICIENT_EPHEMERAL_STORAGE,
      req.ephemeralStorage,
      used.ephemeralStorage,
      allocatable.ephemeralStorage,
    );
  }
  for (let i = 0; i < req.scalarNames.length; i++) {
    if (scalarMisfit(req, i, nodeInfo) === 0) continue;
    const name = req.scalarNames[i] as string;
    add(
      name,
      req.scalarReasons[i] as string,
      req.scalarAmounts[i] as number,
      used.scalar.get(name) ?? 0,
      allocatable.scalar.get(name) ?? 0,
    );
  }
  return out;
}

/**
 * Whether `pod` fits on `nodeInfo` with nothing ignored (upstream Fits): the resources it does not fit for.
 * Not for the hot path — it sums the pod's requests on every call.
 */
export function fits(pod: Pod, nodeInfo: NodeInfo): InsufficientResource[] {
  return insufficientResources(computePodResourceRequest(pod), nodeInfo);
}
