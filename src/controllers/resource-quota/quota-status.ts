/**
 * A quota's status from its spec and the evaluators (upstream quota.CalculateUsage and the controller's
 * syncResourceQuota): `hard` is the spec's, `used` the measured usage of each hard resource some evaluator
 * tracks. A resource no evaluator tracks keeps the usage it had (something else may maintain it); one whose
 * evaluator failed (its cache not synced yet) keeps its last usage, and the failure is reported.
 */
import type { ResourceQuota } from '../../api/core/v1/resource-quota.js';
import type { KubeObject } from '../../client/kube-object.js';
import { type Evaluator, usageStats } from './evaluator.js';
import { quotaScopeRequirements, type ScopedResourceSelectorRequirement } from './quota-scopes.js';
import { addUsage, maskUsage, parseResourceList, serializeUsage, type Usage, usageEquals } from './resource-list.js';

export interface UsageResult {
  readonly usage: Usage;
  /** Evaluators that failed; their resources are left out of `usage`. */
  readonly errors: readonly unknown[];
}

/** The usage of the `hard` resources in `namespace` under `scopes`, over every evaluator that tracks one. */
export function calculateUsage(
  namespace: string,
  scopes: readonly ScopedResourceSelectorRequirement[],
  hard: readonly string[],
  evaluators: readonly Evaluator<KubeObject>[],
  nowMs: number,
): UsageResult {
  const potential = new Set(evaluators.flatMap((e) => e.matchingResources(hard)));
  const matched = new Set(hard.filter((h) => potential.has(h)));
  const errors: unknown[] = [];
  let usage: Usage = new Map();
  for (const evaluator of evaluators) {
    const resources = evaluator.matchingResources([...matched]);
    if (resources.length === 0) continue;
    try {
      usage = addUsage(usage, usageStats(evaluator, namespace, scopes, resources, nowMs));
    } catch (err) {
      errors.push(err);
      for (const r of resources) matched.delete(r);
    }
  }
  return { usage: maskUsage(usage, matched), errors };
}

export interface QuotaStatusResult {
  readonly status: { hard: Record<string, string>; used: Record<string, string> };
  /** Whether the status differs from the quota's (an update is due). */
  readonly dirty: boolean;
  readonly errors: readonly unknown[];
}

/** The status `quota` should have at `nowMs` (upstream syncResourceQuota without the write). */
export function computeQuotaStatus(
  quota: ResourceQuota,
  evaluators: readonly Evaluator<KubeObject>[],
  nowMs: number,
): QuotaStatusResult {
  const specHard = (quota.spec?.hard ?? {}) as Record<string, string>;
  const statusHard = quota.status?.hard as Record<string, string> | undefined;
  const statusUsed = quota.status?.used as Record<string, string> | undefined;
  const hard = parseResourceList(specHard);
  let dirty = statusHard === undefined || statusUsed === undefined || !usageEquals(hard, parseResourceList(statusHard));
  const previous = parseResourceList(statusUsed);
  const { usage, errors } = calculateUsage(
    quota.metadata?.namespace ?? '',
    quotaScopeRequirements(quota),
    [...hard.keys()],
    evaluators,
    nowMs,
  );
  const used = maskUsage(new Map([...previous, ...usage]), hard.keys());
  dirty ||= !usageEquals(used, previous);
  return { status: { hard: { ...specHard }, used: serializeUsage(used) }, dirty, errors };
}
