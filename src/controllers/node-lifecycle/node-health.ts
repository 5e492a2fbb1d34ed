/**
 * Node health as the node lifecycle controller judges it (upstream tryUpdateNodeHealth). A node is healthy
 * while its kubelet keeps proving it is alive: by a new Ready-condition heartbeat, or by renewing its Lease in
 * `kube-node-lease`. Each fresh signal is stamped with the controller's own clock when it is *observed* — the
 * kubelet's timestamps are only compared with their previous values, never with our clock, so clock skew
 * between machines cannot make a node look dead or alive. A node whose last signal is older than the grace
 * period (the startup grace period while it has never posted a Ready condition) turns Unknown.
 */
import type { Lease } from '../../api/coordination/v1/lease.js';
import type { Node } from '../../api/core/v1/node.js';
import type { NodeCondition, NodeStatus } from '../../api/core/v1/node-status.js';
import { apiTime, parseApiTime } from './resources.js';

/** What the controller remembers of a node between passes. */
export interface NodeHealth {
  /** Our clock's time (ms) when the node last proved it is alive. */
  readonly probeTimestamp: number;
  /** Our clock's time (ms) when its Ready condition was last seen to change. */
  readonly readyTransitionTimestamp: number;
  /** The Ready condition as last observed (undefined when the node had none). */
  readonly readyCondition: NodeCondition | undefined;
  /** The Lease's renewTime (ms) as last observed. */
  readonly leaseRenewTime: number | undefined;
}

export interface GracePeriods {
  /** --node-monitor-grace-period. */
  readonly monitorGraceMs: number;
  /** --node-startup-grace-period, for nodes that never posted a Ready condition. */
  readonly startupGraceMs: number;
}

export interface HealthObservation {
  readonly health: NodeHealth;
  /** The Ready condition before this pass; made up (Unknown, since creation) when the node has none. */
  readonly observedReady: NodeCondition;
  readonly gracePeriodMs: number;
  /** Whether the last sign of life is older than the grace period: the node's conditions must turn Unknown. */
  readonly stale: boolean;
}

export const NODE_READY = 'Ready';

/** The condition types turned Unknown when a node stops reporting (NetworkUnavailable is the cloud's, not the kubelet's). */
export const KUBELET_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

export const NODE_STATUS_UNKNOWN_REASON = 'NodeStatusUnknown';
export const NODE_STATUS_UNKNOWN_MESSAGE = 'Kubelet stopped posting node status.';
export const NODE_STATUS_NEVER_UPDATED_REASON = 'NodeStatusNeverUpdated';
export const NODE_STATUS_NEVER_UPDATED_MESSAGE = 'Kubelet never posted node status.';

/** The condition of `type` in `status`, if any. */
export function nodeCondition(status: NodeStatus | undefined, type: string): NodeCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

const sameTime = (a: string | undefined, b: string | undefined): boolean =>
  (a ?? '') === (b ?? '') || (parseApiTime(a) !== undefined && parseApiTime(a) === parseApiTime(b));

/**
 * Folds what the informers show now (`node`, its `lease`) into what was remembered (`saved`) at `nowMs`.
 * Pure: returns the new memory and the verdict, changes nothing.
 */
export function observeNodeHealth(
  saved: NodeHealth | undefined,
  node: Node,
  lease: Lease | undefined,
  nowMs: number,
  grace: GracePeriods,
): HealthObservation {
  const current = nodeCondition(node.status, NODE_READY);
  const created = node.metadata?.creationTimestamp ?? apiTime(nowMs);
  let health: NodeHealth;
  let observedReady: NodeCondition;
  let gracePeriodMs: number;
  if (current === undefined) {
    // Never posted: count from the node's creation, with the longer startup grace.
    observedReady = { type: NODE_READY, status: 'Unknown', lastHeartbeatTime: created, lastTransitionTime: created };
    gracePeriodMs = grace.startupGraceMs;
    const createdMs = parseApiTime(created) ?? nowMs;
    health = saved
      ? { ...saved, readyCondition: undefined }
      : {
          probeTimestamp: createdMs,
          readyTransitionTimestamp: createdMs,
          readyCondition: undefined,
          leaseRenewTime: undefined,
        };
  } else {
    observedReady = { ...current };
    gracePeriodMs = grace.monitorGraceMs;
    const savedReady = saved?.readyCondition;
    if (saved === undefined || savedReady === undefined) {
      // First sight of this node (or of its Ready condition): assume it is alive now.
      health = {
        probeTimestamp: nowMs,
        readyTransitionTimestamp: nowMs,
        readyCondition: current,
        leaseRenewTime: saved?.leaseRenewTime,
      };
    } else if (!sameTime(savedReady.lastHeartbeatTime, current.lastHeartbeatTime)) {
      const transitioned = !sameTime(savedReady.lastTransitionTime, current.lastTransitionTime);
      health = {
        probeTimestamp: nowMs,
        readyTransitionTimestamp: transitioned ? nowMs : saved.readyTransitionTimestamp,
        readyCondition: current,
        leaseRenewTime: saved.leaseRenewTime,
      };
    } else {
      health = saved;
    }
  }
  // A renewed Lease proves life as well as a heartbeat does.
  const renewed = parseApiTime(lease?.spec?.renewTime);
  if (renewed !== undefined && (saved?.leaseRenewTime === undefined || saved.leaseRenewTime < renewed)) {
    health = { ...health, probeTimestamp: nowMs, leaseRenewTime: renewed };
  }
  return { health, observedReady, gracePeriodMs, stale: nowMs > health.probeTimestamp + gracePeriodMs };
}

/**
 * Turns the kubelet's conditions of `status` Unknown (upstream's stale-node branch): missing ones are added as
 * never updated, known ones not yet Unknown get reason NodeStatusUnknown and a new transition time. `status` is
 * the caller's copy: it is mutated. @returns the Ready condition afterwards.
 */
export function markConditionsUnknown(status: NodeStatus, createdIso: string, nowIso: string): NodeCondition {
  const conditions = (status.conditions ??= []);
  for (const type of KUBELET_CONDITIONS) {
    const condition = conditions.find((c) => c.type === type);
    if (condition === undefined) {
      conditions.push({
        type,
        status: 'Unknown',
        reason: NODE_STATUS_NEVER_UPDATED_REASON,
        message: NODE_STATUS_NEVER_UPDATED_MESSAGE,
        lastHeartbeatTime: createdIso,
        lastTransitionTime: nowIso,
      });
    } else if (condition.status !== 'Unknown') {
      condition.status = 'Unknown';
      condition.reason = NODE_STATUS_UNKNOWN_REASON;
      condition.message = NODE_STATUS_UNKNOWN_MESSAGE;
      condition.lastTransitionTime = nowIso;
    }
  }
  return nodeCondition(status, NODE_READY) as NodeCondition;
}

/** Whether two conditions say the same (type, status, reason, message and both times). */
export function sameCondition(a: NodeCondition | undefined, b: NodeCondition | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.type === b.type &&
    a.status === b.status &&
    (a.reason ?? '') === (b.reason ?? '') &&
    (a.message ?? '') === (b.message ?? '') &&
    sameTime(a.lastHeartbeatTime, b.lastHeartbeatTime) &&
    sameTime(a.lastTransitionTime, b.lastTransitionTime)
  );
}
