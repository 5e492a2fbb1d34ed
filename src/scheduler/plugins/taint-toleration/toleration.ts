/**
 * Whether tolerations tolerate taints (upstream core/v1 Toleration.ToleratesTaint and component-helpers'
 * TolerationsTolerateTaint / FindMatchingUntoleratedTaint). Shared by the TaintToleration and
 * NodeUnschedulable plugins, and meant for the DaemonSet controller and node lifecycle too. Nothing here
 * allocates: the scheduler calls it for every node of every pod.
 */
import type { Toleration } from '../../../api/core/v1/scheduling.js';

/** The taint a cordoned node (`spec.unschedulable`) is treated as having. */
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

export const TaintEffect = {
  NoSchedule: 'NoSchedule',
  PreferNoSchedule: 'PreferNoSchedule',
  NoExecute: 'NoExecute',
} as const;
export type TaintEffect = (typeof TaintEffect)[keyof typeof TaintEffect];

/** A taint as far as matching goes: key, value and effect (value absent means ''). */
export interface TaintLike {
  readonly key?: string;
  readonly value?: string;
  readonly effect?: string;
}

/**
 * Whether `toleration` tolerates `taint`:
 * 1. an empty toleration effect matches every effect, otherwise the effects must be equal;
 * 2. an empty toleration key matches every key (the API only allows that with `Exists`);
 * 3. operator `Exists` matches every value; `Equal` (or no operator) needs equal values.
 * The alpha operators `Gt`/`Lt` (feature TaintTolerationComparisonOperators, off by default) tolerate nothing.
 */
export function tolerates(toleration: Toleration, taint: TaintLike): boolean {
  const effect = toleration.effect ?? '';
  if (effect !== '' && effect !== (taint.effect ?? '')) return false;
  const key = toleration.key ?? '';
  if (key !== '' && key !== (taint.key ?? '')) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** Whether any of `tolerations` (absent: none) tolerates `taint`. */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: TaintLike): boolean {
  if (tolerations === undefined) return false;
  for (const toleration of tolerations) if (tolerates(toleration, taint)) return true;
  return false;
}

/** NoSchedule and NoExecute: the effects that keep a pod off a node (upstream DoNotScheduleTaintsFilterFunc). */
export function isDoNotScheduleTaint(taint: TaintLike): boolean {
  return taint.effect === TaintEffect.NoSchedule || taint.effect === TaintEffect.NoExecute;
}

/**
 * The first of `taints` for which `include` holds (all when omitted) that no toleration tolerates, or
 * undefined when the tolerations cover them all.
 */
export function findUntoleratedTaint<T extends TaintLike>(
  taints: readonly T[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  include?: (taint: T) => boolean,
): T | undefined {
  if (taints === undefined) return undefined;
  for (const taint of taints) {
    if (include !== undefined && !include(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}
