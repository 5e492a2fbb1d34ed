/**
 * Stale DisruptionTarget conditions (upstream nonTerminatingPodHasStaleDisruptionCondition): a pod marked
 * DisruptionTarget=True (by an eviction or a preemption) that is still not being deleted after a timeout will
 * not be; its condition is set back to False. Marks made by the kubelet, and terminal pods, are left alone.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import { isPodTerminal, podCondition } from '../framework/pod-conditions.js';

export const DISRUPTION_TARGET_CONDITION = 'DisruptionTarget';
/** The reason of the kubelet's own marks. */
export const TERMINATION_BY_KUBELET = 'TerminationByKubelet';
/** Upstream's stalePodDisruptionTimeout: 2 minutes. */
export const STALE_POD_DISRUPTION_TIMEOUT_MS = 2 * 60 * 1000;

/**
 * How long until `pod`'s DisruptionTarget condition is stale (0: it is), or undefined when it has no such
 * condition to clean up.
 */
export function staleDisruptionWaitMs(
  pod: Pod,
  nowMs: number,
  timeoutMs = STALE_POD_DISRUPTION_TIMEOUT_MS,
): number | undefined {
  if (pod.metadata?.deletionTimestamp) return undefined;
  const condition = podCondition(pod, DISRUPTION_TARGET_CONDITION);
  if (condition?.status !== 'True' || condition.reason === TERMINATION_BY_KUBELET || isPodTerminal(pod))
    return undefined;
  const since = Date.parse(condition.lastTransitionTime ?? '');
  const elapsed = Number.isFinite(since) ? nowMs - since : timeoutMs;
  return Math.max(0, timeoutMs - elapsed);
}

/**
 * A copy of `pod` whose DisruptionTarget condition is False (replacing it whole, as upstream's
 * UpdatePodCondition does), or undefined when that changes nothing.
 */
export function withDisruptionTargetCleared(pod: Pod, nowIso: string): Pod | undefined {
  const conditions = pod.status?.conditions ?? [];
  const index = conditions.findIndex((c) => c.type === DISRUPTION_TARGET_CONDITION);
  const old = conditions[index];
  if (old === undefined || (old.status === 'False' && !old.reason && !old.message && !old.lastProbeTime))
    return undefined;
  const copy = structuredClone(pod);
  const status = (copy.status ??= {});
  const next = [...(status.conditions ?? [])];
  next[index] = {
    type: DISRUPTION_TARGET_CONDITION,
    status: 'False',
    lastTransitionTime: old.status === 'False' ? (old.lastTransitionTime ?? nowIso) : nowIso,
  };
  status.conditions = next;
  return copy;
}
