/**
 * The taints node lifecycle manages (upstream nodelifecycle's taint templates and taint-nodes-by-condition):
 * NoExecute `not-ready` / `unreachable` for the Ready condition, and NoSchedule taints mirroring the node's
 * conditions and `spec.unschedulable`. Taints are matched by key and effect, as upstream's MatchTaint does.
 */
import type { Node, Taint } from '../../api/core/v1/node.js';
import {
  TAINT_NODE_UNSCHEDULABLE,
  TaintEffect,
  type TaintLike,
} from '../../scheduler/plugins/taint-toleration/toleration.js';

export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NODE_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_NODE_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_NODE_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';
export const TAINT_NODE_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NODE_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

/** A taint to add or remove: key and effect (and no value). */
export interface TaintTemplate {
  readonly key: string;
  readonly effect: TaintEffect;
}

/** Added when the node stops reporting (Ready=Unknown). */
export const UNREACHABLE_TAINT: TaintTemplate = { key: TAINT_NODE_UNREACHABLE, effect: TaintEffect.NoExecute };
/** Added when the node reports Ready=False. */
export const NOT_READY_TAINT: TaintTemplate = { key: TAINT_NODE_NOT_READY, effect: TaintEffect.NoExecute };

/** condition type → condition status → the taint key it calls for. */
const CONDITION_TAINTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Ready: { False: TAINT_NODE_NOT_READY, Unknown: TAINT_NODE_UNREACHABLE },
  MemoryPressure: { True: TAINT_NODE_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_NODE_DISK_PRESSURE },
  NetworkUnavailable: { True: TAINT_NODE_NETWORK_UNAVAILABLE },
  PIDPressure: { True: TAINT_NODE_PID_PRESSURE },
};
const CONDITION_TAINT_KEYS = new Set(Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)));

/** Same key and effect (upstream Taint.MatchTaint). */
export function matchTaint(a: TaintLike, b: TaintLike): boolean {
  return (a.key ?? '') === (b.key ?? '') && (a.effect ?? '') === (b.effect ?? '');
}

/** Whether `taints` hold one matching `template`. */
export function taintExists(taints: readonly TaintLike[] | undefined, template: TaintLike): boolean {
  return (taints ?? []).some((t) => matchTaint(t, template));
}

/** The node's NoExecute taints. */
export function noExecuteTaints(node: Node | undefined): Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === TaintEffect.NoExecute);
}

/** The NoSchedule taints the node's conditions and `spec.unschedulable` call for (upstream doNoScheduleTaintingPass). */
export function wantedNoScheduleTaints(node: Node): TaintTemplate[] {
  const wanted: TaintTemplate[] = [];
  for (const condition of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[condition.type ?? '']?.[condition.status ?? ''];
    if (key !== undefined) wanted.push({ key, effect: TaintEffect.NoSchedule });
  }
  if (node.spec?.unschedulable) wanted.push({ key: TAINT_NODE_UNSCHEDULABLE, effect: TaintEffect.NoSchedule });
  return wanted;
}

/** The node's NoSchedule taints that node lifecycle owns: condition taints and the unschedulable taint. */
export function managedNoScheduleTaints(node: Node): Taint[] {
  return (node.spec?.taints ?? []).filter(
    (t) =>
      t.effect === TaintEffect.NoSchedule &&
      (t.key === TAINT_NODE_UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key ?? '')),
  );
}

/** What to add to `current` and remove from it to reach `wanted`, matching by key and effect (upstream TaintSetDiff). */
export function taintSetDiff<W extends TaintLike, C extends TaintLike>(
  wanted: readonly W[],
  current: readonly C[],
): { add: W[]; remove: C[] } {
  return {
    add: wanted.filter((w) => !current.some((c) => matchTaint(c, w))),
    remove: current.filter((c) => !wanted.some((w) => matchTaint(c, w))),
  };
}

/**
 * `taints` with `remove` taken out and `add` put in, each added one stamped `timeAdded: nowIso` — or undefined
 * when that changes nothing. A taint already there with the same key, effect and value is kept as it is, so
 * its timeAdded (which eviction deadlines count from) does not move.
 */
export function applyTaintChanges(
  taints: readonly Taint[] | undefined,
  add: readonly TaintTemplate[],
  remove: readonly TaintLike[],
  nowIso: string,
): Taint[] | undefined {
  let changed = false;
  const next: Taint[] = [];
  for (const taint of taints ?? []) {
    if (remove.some((r) => matchTaint(r, taint)) && !add.some((a) => matchTaint(a, taint))) {
      changed = true;
      continue;
    }
    next.push(taint);
  }
  for (const template of add) {
    const index = next.findIndex((t) => matchTaint(t, template));
    const existing = index < 0 ? undefined : next[index];
    if (existing !== undefined && (existing.value ?? '') === '') continue;
    const added: Taint = { key: template.key, effect: template.effect, timeAdded: nowIso };
    if (index < 0) next.push(added);
    else next[index] = added;
    changed = true;
  }
  return changed ? next : undefined;
}
