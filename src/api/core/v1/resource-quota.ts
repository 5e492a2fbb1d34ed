/** ResourceQuota (core/v1): aggregate limits on what a namespace may consume. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, mapOf, quantity, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';

export const ScopedResourceSelectorRequirement = struct(
  'io.k8s.api.core.v1.ScopedResourceSelectorRequirement',
  {
    scopeName: field(1, str()),
    operator: field(2, str({ enum: ['DoesNotExist', 'Exists', 'In', 'NotIn'] })),
    values: field(3, arrayOf(str()), { listType: 'atomic' }),
  },
  { required: ['scopeName', 'operator'] },
);

export const ScopeSelector = struct(
  'io.k8s.api.core.v1.ScopeSelector',
  { matchExpressions: field(1, arrayOf(ScopedResourceSelectorRequirement), { listType: 'atomic' }) },
  { structType: 'atomic' },
);

export const ResourceQuotaSpec = struct('io.k8s.api.core.v1.ResourceQuotaSpec', {
  hard: field(1, mapOf(quantity())),
  scopes: field(2, arrayOf(str()), { listType: 'atomic' }),
  scopeSelector: field(3, ScopeSelector),
});

export const ResourceQuotaStatus = struct('io.k8s.api.core.v1.ResourceQuotaStatus', {
  hard: field(1, mapOf(quantity())),
  used: field(2, mapOf(quantity())),
});

export const ResourceQuotaSchema = objectSchema('io.k8s.api.core.v1.ResourceQuota', {
  spec: field(2, ResourceQuotaSpec),
  status: field(3, ResourceQuotaStatus),
});
export type ResourceQuota = Static<typeof ResourceQuotaSchema>;

export const ResourceQuotaKind: KindDefinition = {
  group: '',
  version: 'v1',
  kind: 'ResourceQuota',
  plural: 'resourcequotas',
  singular: 'resourcequota',
  namespaced: true,
  shortNames: ['quota'],
  schema: ResourceQuotaSchema,
  subresources: { status: true },
};
