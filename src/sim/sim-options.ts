/**
 * What a simulator is asked to run (SimOptions) and the same with every default filled in. Defaults follow
 * the kubelet's: a 40 s node lease renewed every 10 s; unchanged node status reported every five minutes
 * (nodeStatusReportFrequency: with a Lease to prove the node alive, the status need not).
 */
import type { Taint } from '../api/core/v1/node.js';
import { type Clock, realClock } from '../client/index.js';

export interface SimOptions {
  /** How many nodes to simulate. */
  readonly nodes: number;
  /** Node names are `<prefix><index>`; default `sim-`. */
  readonly namePrefix?: string;
  /** Each node's capacity (and allocatable); default 32 cpu, 256Gi memory, 110 pods, 100Gi ephemeral storage. */
  readonly capacity?: Readonly<Record<string, string>>;
  /** Labels added to every node, beside the well-known ones the simulator sets itself. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Taints of every node it registers (nodes taken over keep their own). */
  readonly taints?: readonly Taint[];
  /** Node i gets the i-th /24 of this range (default `10.244.0.0/16`: 10.244.i.0/24, then 10.245.…). */
  readonly podCidrBase?: string;
  /** The Lease's leaseDurationSeconds (default 40). */
  readonly leaseDurationSeconds?: number;
  /** How often each Lease is renewed, in seconds (default 10). */
  readonly heartbeatSeconds?: number;
  /** How often each node posts its status (conditions' lastHeartbeatTime), in seconds (default 300). */
  readonly statusUpdateSeconds?: number;
  /**
   * Concurrent writers for pods (default: one per node, as each kubelet writes its own pods' status, between
   * 32 and 256) and for nodes and leases (default 16).
   */
  readonly podWorkers?: number;
  readonly nodeWorkers?: number;
  /** Where failed writes are reported (they are retried); default console.warn. */
  readonly onError?: (err: unknown) => void;
  readonly clock?: Clock;
}

/** The label every simulated node carries. */
export const SIM_NODE_LABEL = 'node.skiff.dev/sim';

export const DEFAULT_CAPACITY: Readonly<Record<string, string>> = Object.freeze({
  cpu: '32',
  memory: '256Gi',
  pods: '110',
  'ephemeral-storage': '100Gi',
});

export interface ResolvedSimOptions {
  readonly nodes: number;
  readonly namePrefix: string;
  readonly capacity: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  readonly podCidrBase: string;
  readonly leaseDurationSeconds: number;
  readonly heartbeatMs: number;
  readonly statusUpdateMs: number;
  readonly podWorkers: number;
  readonly nodeWorkers: number;
  readonly onError: (err: unknown) => void;
  readonly clock: Clock;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0) throw new RangeError(`${name} must be a positive number, got ${String(value)}`);
  return v;
}

function warn(err: unknown): void {
  console.warn(`skiff sim: ${err instanceof Error ? err.message : String(err)}`);
}

/** Fills in the defaults. @throws RangeError for a negative node count or a non-positive period. */
export function resolveSimOptions(options: SimOptions): ResolvedSimOptions {
  if (!Number.isInteger(options.nodes) || options.nodes < 0) {
    throw new RangeError(`nodes must be a whole number ≥ 0, got ${String(options.nodes)}`);
  }
  return {
    nodes: options.nodes,
    namePrefix: options.namePrefix ?? 'sim-',
    capacity: options.capacity ?? DEFAULT_CAPACITY,
    labels: options.labels ?? {},
    taints: options.taints ?? [],
    podCidrBase: options.podCidrBase ?? '10.244.0.0/16',
    leaseDurationSeconds: Math.round(positive('leaseDurationSeconds', options.leaseDurationSeconds, 40)),
    heartbeatMs: positive('heartbeatSeconds', options.heartbeatSeconds, 10) * 1000,
    statusUpdateMs: positive('statusUpdateSeconds', options.statusUpdateSeconds, 300) * 1000,
    podWorkers: Math.ceil(positive('podWorkers', options.podWorkers, defaultPodWorkers(options.nodes))),
    nodeWorkers: Math.ceil(positive('nodeWorkers', options.nodeWorkers, 16)),
    onError: options.onError ?? warn,
    clock: options.clock ?? realClock,
  };
}

/**
 * Pod writers when none are asked for: real nodes each have a kubelet writing its pods' status, so a thousand
 * nodes write a thousand at a time; the simulator follows that up to 256 (beyond it the API server's queue,
 * not the writers, bounds the rate) and keeps 32 for small clusters.
 */
export function defaultPodWorkers(nodes: number): number {
  return Math.min(256, Math.max(32, nodes));
}
