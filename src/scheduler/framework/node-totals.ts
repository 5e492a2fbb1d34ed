/**
 * The snapshot's resource totals of every node in one Float64Array, a row of ROW numbers per node in the
 * snapshot's list order. A cycle filters and scores hundreds of nodes it has not touched lately; read through
 * their NodeInfos, each node costs a handful of dependent cache misses (the NodeInfo, its Resource objects, the
 * boxed numbers in them, its pod list), while rows read in list order are contiguous. NodeResourcesFit and
 * NodeResourcesBalancedAllocation read a node's row instead of its NodeInfo when the framework hands them a
 * position (see ColumnFilterPlugin and ColumnScorePlugin); the snapshot rewrites a row whenever it sets a node.
 * Scalar resources (extended resources, hugepages) are not kept: plugins read those from the NodeInfo.
 */
import type { NodeInfo } from './node-info.js';

const ALLOCATABLE_MILLI_CPU = 0;
const ALLOCATABLE_MEMORY = 1;
const ALLOCATABLE_EPHEMERAL_STORAGE = 2;
const ALLOWED_POD_NUMBER = 3;
const REQUESTED_MILLI_CPU = 4;
const REQUESTED_MEMORY = 5;
const REQUESTED_EPHEMERAL_STORAGE = 6;
const NON_ZERO_MILLI_CPU = 7;
const NON_ZERO_MEMORY = 8;
const POD_COUNT = 9;
/** Numbers per node. */
const ROW = 10;

export class NodeTotals {
  private rows = new Float64Array(ROW * 64);

  /** Copies `info`'s totals into the row at `position`, growing the table as needed. */
  write(position: number, info: NodeInfo): void {
    const offset = position * ROW;
    if (offset + ROW > this.rows.length) this.grow(offset + ROW);
    const rows = this.rows;
    const { allocatable, requested, nonZeroRequested } = info;
    rows[offset + ALLOCATABLE_MILLI_CPU] = allocatable.milliCPU;
    rows[offset + ALLOCATABLE_MEMORY] = allocatable.memory;
    rows[offset + ALLOCATABLE_EPHEMERAL_STORAGE] = allocatable.ephemeralStorage;
    rows[offset + ALLOWED_POD_NUMBER] = allocatable.allowedPodNumber;
    rows[offset + REQUESTED_MILLI_CPU] = requested.milliCPU;
    rows[offset + REQUESTED_MEMORY] = requested.memory;
    rows[offset + REQUESTED_EPHEMERAL_STORAGE] = requested.ephemeralStorage;
    rows[offset + NON_ZERO_MILLI_CPU] = nonZeroRequested.milliCPU;
    rows[offset + NON_ZERO_MEMORY] = nonZeroRequested.memory;
    rows[offset + POD_COUNT] = info.pods.length;
  }

  /** Drops the row at `position` of `length` rows: the rows after it move up one, as the list's nodes do. */
  remove(position: number, length: number): void {
    this.rows.copyWithin(position * ROW, (position + 1) * ROW, length * ROW);
  }

  private grow(minimum: number): void {
    let size = this.rows.length * 2;
    while (size < minimum) size *= 2;
    const rows = new Float64Array(size);
    rows.set(this.rows);
    this.rows = rows;
  }

  allocatableMilliCPU(position: number): number {
    return this.rows[position * ROW + ALLOCATABLE_MILLI_CPU] as number;
  }
  allocatableMemory(position: number): number {
    return this.rows[position * ROW + ALLOCATABLE_MEMORY] as number;
  }
  allocatableEphemeralStorage(position: number): number {
    return this.rows[position * ROW + ALLOCATABLE_EPHEMERAL_STORAGE] as number;
  }
  allowedPodNumber(position: number): number {
    return this.rows[position * ROW + ALLOWED_POD_NUMBER] as number;
  }
  requestedMilliCPU(position: number): number {
    return this.rows[position * ROW + REQUESTED_MILLI_CPU] as number;
  }
  requestedMemory(position: number): number {
    return this.rows[position * ROW + REQUESTED_MEMORY] as number;
  }
  requestedEphemeralStorage(position: number): number {
    return this.rows[position * ROW + REQUESTED_EPHEMERAL_STORAGE] as number;
  }
  /** Requested cpu counting upstream's non-zero default for containers without a request. */
  nonZeroMilliCPU(position: number): number {
    return this.rows[position * ROW + NON_ZERO_MILLI_CPU] as number;
  }
  /** Requested memory counting upstream's non-zero default for containers without a request. */
  nonZeroMemory(position: number): number {
    return this.rows[position * ROW + NON_ZERO_MEMORY] as number;
  }
  podCount(position: number): number {
    return this.rows[position * ROW + POD_COUNT] as number;
  }
}
