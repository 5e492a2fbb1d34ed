/**
 * The status of a PodDisruptionBudget (upstream disruption controller and component-helpers' pdb helpers):
 * which recorded disruptions still count, how many selected pods are healthy, how many disruptions are
 * allowed, and the DisruptionAllowed condition. Pure: times are passed in.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from '../../api/policy/v1/pod-disruption-budget.js';
import { isPodReady } from '../framework/pod-conditions.js';
import { semanticEqual } from '../endpoints/semantic-equal.js';
import { rfc3339 } from '../../machinery/rfc3339.js';

/** The condition type, and its reasons (upstream policy/v1 constants). */
export const DISRUPTION_ALLOWED_CONDITION = 'DisruptionAllowed';
export const DisruptionReason = {
  SufficientPods: 'SufficientPods',
  InsufficientPods: 'InsufficientPods',
  SyncFailed: 'SyncFailed',
} as const;
export type DisruptionReason = (typeof DisruptionReason)[keyof typeof DisruptionReason];

/** How long a pod evicted through the API may take to show its deletion before it counts again (upstream 2 min). */
export const DELETION_TIMEOUT_MS = 2 * 60 * 1000;

type Condition = NonNullable<PodDisruptionBudgetStatus['conditions']>[number];
type DisruptedPods = Record<string, string>;

const timeOf = (text: string): number => {
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : 0;
};

/** A condition's observedGeneration, left out when 0 (as Go's omitempty does). */
const generationOf = (generation: number | undefined): { observedGeneration?: number } =>
  generation ? { observedGeneration: generation } : {};

/** metav1.Time text: RFC 3339 in UTC, whole seconds. */
export const formatTime = (ms: number): string => rfc3339(ms);

export interface DisruptedPodMap {
  /** The entries of `status.disruptedPods` that still hold. */
  readonly disruptedPods: DisruptedPods;
  /** When the earliest of them expires (ms since the epoch), if any. */
  readonly recheckAtMs?: number;
  /** Selected pods whose entry expired without the pod being deleted. */
  readonly notDeleted: readonly Pod[];
}

/**
 * The disruptions still pending (upstream buildDisruptedPodMap): entries for selected pods not yet being
 * deleted and recorded less than `timeoutMs` ago. Entries of pods already being deleted or no longer selected
 * are dropped; expired ones too (those pods are reported).
 */
export function buildDisruptedPodMap(
  pods: readonly Pod[],
  pdb: PodDisruptionBudget,
  nowMs: number,
  timeoutMs = DELETION_TIMEOUT_MS,
): DisruptedPodMap {
  const recorded = pdb.status?.disruptedPods ?? {};
  const disruptedPods: DisruptedPods = {};
  const notDeleted: Pod[] = [];
  let recheckAtMs: number | undefined;
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    const name = pod.metadata?.name ?? '';
    const at = recorded[name];
    if (at === undefined) continue;
    const expectedDeletion = timeOf(at) + timeoutMs;
    if (expectedDeletion < nowMs) {
      notDeleted.push(pod);
    } else {
      if (recheckAtMs === undefined || expectedDeletion < recheckAtMs) recheckAtMs = expectedDeletion;
      disruptedPods[name] = at;
    }
  }
  return recheckAtMs === undefined ? { disruptedPods, notDeleted } : { disruptedPods, recheckAtMs, notDeleted };
}

/** Ready pods that are neither being deleted nor recently evicted (upstream countHealthyPods). */
export function countHealthyPods(
  pods: readonly Pod[],
  disruptedPods: DisruptedPods,
  nowMs: number,
  timeoutMs = DELETION_TIMEOUT_MS,
): number {
  let healthy = 0;
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    const at = disruptedPods[pod.metadata?.name ?? ''];
    if (at !== undefined && timeOf(at) + timeoutMs > nowMs) continue;
    if (isPodReady(pod)) healthy++;
  }
  return healthy;
}

/** Disruptions allowed: healthy beyond desired, and none while the budget expects no pods. */
export function disruptionsAllowed(currentHealthy: number, desiredHealthy: number, expectedCount: number): number {
  const allowed = currentHealthy - desiredHealthy;
  return expectedCount <= 0 || allowed <= 0 ? 0 : allowed;
}

/**
 * `conditions` with `condition` set (upstream meta.SetStatusCondition): the transition time moves only when
 * the status changes; reason, message and observedGeneration are always taken over. Returns a new array.
 */
export function setStatusCondition(
  conditions: readonly Condition[] | undefined,
  condition: Omit<Condition, 'lastTransitionTime'>,
  nowIso: string,
): Condition[] {
  const result = (conditions ?? []).map((c) => ({ ...c }));
  const existing = result.find((c) => c.type === condition.type);
  if (existing === undefined) {
    result.push({ ...condition, lastTransitionTime: nowIso });
    return result;
  }
  if (existing.status !== condition.status) {
    existing.status = condition.status;
    existing.lastTransitionTime = nowIso;
  }
  existing.reason = condition.reason;
  existing.message = condition.message;
  if (condition.observedGeneration === undefined) delete existing.observedGeneration;
  else existing.observedGeneration = condition.observedGeneration;
  return result;
}

/** The DisruptionAllowed condition `status` calls for (upstream UpdateDisruptionAllowedCondition). */
export function withDisruptionAllowedCondition(
  status: PodDisruptionBudgetStatus,
  nowIso: string,
): PodDisruptionBudgetStatus {
  const allowed = (status.disruptionsAllowed ?? 0) > 0;
  return {
    ...status,
    conditions: setStatusCondition(
      status.conditions,
      {
        type: DISRUPTION_ALLOWED_CONDITION,
        status: allowed ? 'True' : 'False',
        reason: allowed ? DisruptionReason.SufficientPods : DisruptionReason.InsufficientPods,
        message: '',
        ...generationOf(status.observedGeneration),
      },
      nowIso,
    ),
  };
}

/** Whether the condition matches disruptionsAllowed and the status the generation (upstream ConditionsAreUpToDate). */
export function conditionsAreUpToDate(pdb: PodDisruptionBudget): boolean {
  const status = pdb.status;
  const condition = status?.conditions?.find((c) => c.type === DISRUPTION_ALLOWED_CONDITION);
  if (condition === undefined) return false;
  if ((status?.observedGeneration ?? 0) !== (pdb.metadata?.generation ?? 0)) return false;
  if ((status?.disruptionsAllowed ?? 0) > 0) {
    return condition.status === 'True' && condition.reason === DisruptionReason.SufficientPods;
  }
  return condition.status === 'False' && condition.reason === DisruptionReason.InsufficientPods;
}

export interface PdbCounts {
  readonly currentHealthy: number;
  readonly desiredHealthy: number;
  readonly expectedCount: number;
  readonly disruptedPods: DisruptedPods;
}

/**
 * The status `pdb` should have for `counts` (upstream updatePdbStatus), or undefined when it has it already.
 */
export function nextPdbStatus(
  pdb: PodDisruptionBudget,
  counts: PdbCounts,
  nowIso: string,
): PodDisruptionBudgetStatus | undefined {
  const allowed = disruptionsAllowed(counts.currentHealthy, counts.desiredHealthy, counts.expectedCount);
  const status = pdb.status;
  const generation = pdb.metadata?.generation ?? 0;
  if (
    status?.currentHealthy === counts.currentHealthy &&
    status.desiredHealthy === counts.desiredHealthy &&
    status.expectedPods === counts.expectedCount &&
    status.disruptionsAllowed === allowed &&
    semanticEqual(status.disruptedPods, counts.disruptedPods) &&
    (status.observedGeneration ?? 0) === generation &&
    conditionsAreUpToDate(pdb)
  ) {
    return undefined;
  }
  const next: PodDisruptionBudgetStatus = {
    currentHealthy: counts.currentHealthy,
    desiredHealthy: counts.desiredHealthy,
    expectedPods: counts.expectedCount,
    disruptionsAllowed: allowed,
    observedGeneration: generation,
  };
  if (Object.keys(counts.disruptedPods).length > 0) next.disruptedPods = { ...counts.disruptedPods };
  if (status?.conditions !== undefined) next.conditions = status.conditions;
  return withDisruptionAllowedCondition(next, nowIso);
}

/**
 * The status written when a sync failed (upstream failSafe): no disruption allowed, and DisruptionAllowed
 * False with reason SyncFailed and the error as message; the rest as it was.
 */
export function failSafeStatus(pdb: PodDisruptionBudget, message: string, nowIso: string): PodDisruptionBudgetStatus {
  const status: PodDisruptionBudgetStatus = {
    currentHealthy: 0,
    desiredHealthy: 0,
    expectedPods: 0,
    ...structuredClone(pdb.status ?? {}),
    disruptionsAllowed: 0,
  };
  status.conditions = setStatusCondition(
    status.conditions,
    {
      type: DISRUPTION_ALLOWED_CONDITION,
      status: 'False',
      reason: DisruptionReason.SyncFailed,
      message,
      ...generationOf(status.observedGeneration),
    },
    nowIso,
  );
  return status;
}
