/**
 * Setting one pod condition the way upstream's podutil.UpdatePodCondition does: the transition time moves only
 * when the status changes, and the caller learns whether anything changed at all (so that an unchanged status
 * is not written).
 */
import type { PodCondition, PodStatus } from '../../api/core/v1/pod-status.js';

/** The DisruptionTarget condition type: the pod is about to be deleted because of a disruption. */
export const DISRUPTION_TARGET = 'DisruptionTarget';

/**
 * Puts `condition` into `status.conditions` (replacing the one of the same type). `status` must be the
 * caller's own copy: it is mutated. The condition's lastTransitionTime becomes `nowIso`, or stays the old one
 * when the status did not change. @returns whether status, reason, message, probe or transition time changed.
 */
export function setPodCondition(status: PodStatus, condition: PodCondition, nowIso: string): boolean {
  const conditions = (status.conditions ??= []);
  const index = conditions.findIndex((c) => c.type === condition.type);
  const old = index < 0 ? undefined : conditions[index];
  const next: PodCondition = { ...condition, lastTransitionTime: nowIso };
  if (old === undefined) {
    conditions.push(next);
    return true;
  }
  if (next.status === old.status) next.lastTransitionTime = old.lastTransitionTime;
  const same =
    next.status === old.status &&
    (next.reason ?? '') === (old.reason ?? '') &&
    (next.message ?? '') === (old.message ?? '') &&
    (next.lastProbeTime ?? '') === (old.lastProbeTime ?? '') &&
    (next.lastTransitionTime ?? '') === (old.lastTransitionTime ?? '');
  conditions[index] = next;
  return !same;
}
