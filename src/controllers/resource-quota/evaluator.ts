/**
 * An evaluator measures one kind of object for quota (upstream quota.Evaluator): which quota resources it
 * tracks, what one object uses, which scopes an object falls in, and the objects of a namespace (from an
 * informer cache). `usageStats` sums a namespace's usage the way upstream's generic CalculateUsageStats does.
 */
import type { KubeObject } from '../../client/kube-object.js';
import type { ScopedResourceSelectorRequirement } from './quota-scopes.js';
import { addUsage, type Usage, ZERO } from './resource-list.js';

export interface GroupResource {
  /** '' for the core group. */
  readonly group: string;
  readonly resource: string;
}

export const groupResourceKey = (gr: GroupResource): string => `${gr.resource}.${gr.group}`;

export interface Evaluator<T extends KubeObject = KubeObject> {
  readonly groupResource: GroupResource;
  /** The quota resource names among `names` that this evaluator measures. */
  matchingResources(names: readonly string[]): string[];
  /** What `obj` uses at `nowMs`. */
  usage(obj: T, nowMs: number): Usage;
  /** Whether `obj` falls in the scope `requirement` names (false for kinds that have no scopes). */
  matchesScope(requirement: ScopedResourceSelectorRequirement, obj: T): boolean;
  /** The cached objects of `namespace`. @throws NotSyncedError while the cache is not filled yet. */
  list(namespace: string): readonly T[];
  /** Whether a change from `old` to `cur` can change usage (deletions always can; creations always do here). */
  updateMatters(old: T, cur: T, nowMs: number): boolean;
}

/** The cache an evaluator reads has not synced yet: its resources keep their last usage for now. */
export class NotSyncedError extends Error {
  constructor(what: string) {
    super(`the cache of ${what} has not synced yet`);
    this.name = 'NotSyncedError';
  }
}

/** The name of the object-count quota of a resource (upstream ObjectCountQuotaResourceNameFor). */
export function objectCountName(gr: GroupResource): string {
  return gr.group === '' ? `count/${gr.resource}` : `count/${gr.resource}.${gr.group}`;
}

/**
 * The usage of `resources` over the objects of `namespace` that fall in every one of `scopes`, each resource
 * starting from zero (upstream generic.CalculateUsageStats). @throws what `list` throws.
 */
export function usageStats<T extends KubeObject>(
  evaluator: Evaluator<T>,
  namespace: string,
  scopes: readonly ScopedResourceSelectorRequirement[],
  resources: readonly string[],
  nowMs: number,
): Usage {
  let used: Usage = new Map(resources.map((r) => [r, ZERO]));
  for (const obj of evaluator.list(namespace)) {
    if (!scopes.every((s) => evaluator.matchesScope(s, obj))) continue;
    used = addUsage(used, evaluator.usage(obj, nowMs));
  }
  return used;
}
