/**
 * Quota scopes (upstream ResourceQuota spec.scopes and spec.scopeSelector): a scoped quota only counts the
 * objects that fall in every one of its scopes. `spec.scopes` entries are `Exists` requirements.
 */
import type { ResourceQuota } from '../../api/core/v1/resource-quota.js';

/** One requirement of a scope selector. */
export interface ScopedResourceSelectorRequirement {
  readonly scopeName: string;
  readonly operator: string;
  readonly values?: readonly string[] | null;
}

/** Every requirement the quota's scopes and scope selector make. */
export function quotaScopeRequirements(quota: ResourceQuota): ScopedResourceSelectorRequirement[] {
  const fromScopes = (quota.spec?.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' }));
  const fromSelector = (quota.spec?.scopeSelector?.matchExpressions ?? []).map((e) => ({
    scopeName: e.scopeName ?? '',
    operator: e.operator ?? '',
    values: e.values ?? [],
  }));
  return [...fromScopes, ...fromSelector];
}
