/**
 * PodDisruptionBudgets as preemption weighs them (upstream filterPodsWithPDBViolation): evicting a victim
 * "violates" a budget that selects it when, counting the victims before it, the budget has no disruption left.
 * Preemption respects budgets where it can — it reprieves violating victims first and prefers nodes with
 * fewer violations — but it does not refuse to violate them.
 */
import type { PodDisruptionBudget } from '../../../api/policy/v1/pod-disruption-budget.js';
import type { LabelSelector } from '../../../machinery/labels/index.js';
import { type LabelSelectorObject, labelSelectorFromObject } from '../../../machinery/labels/label-selector-object.js';
import type { PodInfo } from '../../framework/pod-info.js';

/** One budget, its selector parsed once per preemption attempt. */
export interface PdbBudget {
  readonly namespace: string;
  readonly selector: LabelSelector;
  /** `status.disruptionsAllowed`. */
  readonly disruptionsAllowed: number;
  /** Names in `status.disruptedPods`: evictions the API server has already counted. */
  readonly disruptedPods: ReadonlySet<string>;
}

/**
 * Parses the budgets' selectors. Budgets whose selector is missing, empty or invalid select nothing and are
 * left out, as upstream treats them.
 */
export function compilePdbs(pdbs: readonly PodDisruptionBudget[]): PdbBudget[] {
  const out: PdbBudget[] = [];
  for (const pdb of pdbs) {
    const raw = pdb.spec?.selector;
    if (raw === undefined || raw === null) continue;
    const parsed = labelSelectorFromObject(raw as LabelSelectorObject);
    if (!parsed.ok || parsed.selector.isEmpty()) continue;
    out.push({
      namespace: pdb.metadata?.namespace ?? '',
      selector: parsed.selector,
      disruptionsAllowed: pdb.status?.disruptionsAllowed ?? 0,
      disruptedPods: new Set(Object.keys(pdb.status?.disruptedPods ?? {})),
    });
  }
  return out;
}

/**
 * Splits `podInfos` into the victims whose eviction would violate a budget and the others, keeping their
 * order. Each budget's allowance is spent by the matching pods in the order given (pods already listed in
 * the budget's `disruptedPods` spend nothing); a pod violates when some matching budget's allowance drops
 * below zero.
 */
export function filterPodsWithPdbViolation(
  podInfos: readonly PodInfo[],
  budgets: readonly PdbBudget[],
): { violating: PodInfo[]; nonViolating: PodInfo[] } {
  const allowed = budgets.map((b) => b.disruptionsAllowed);
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const info of podInfos) {
    const meta = info.pod.metadata;
    const labels = meta?.labels;
    let violates = false;
    // A pod without labels matches no budget.
    if (labels !== undefined && labels !== null && Object.keys(labels).length > 0) {
      for (let i = 0; i < budgets.length; i++) {
        const budget = budgets[i] as PdbBudget;
        if (budget.namespace !== (meta?.namespace ?? '') || !budget.selector.matches(labels)) continue;
        if (budget.disruptedPods.has(meta?.name ?? '')) continue;
        const left = (allowed[i] as number) - 1;
        allowed[i] = left;
        if (left < 0) violates = true;
      }
    }
    (violates ? violating : nonViolating).push(info);
  }
  return { violating, nonViolating };
}
