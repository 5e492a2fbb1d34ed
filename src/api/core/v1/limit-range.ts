/** LimitRange (core/v1): per-namespace minimum, maximum and default resource amounts. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, mapOf, quantity, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';

export const LimitRangeItem = struct(
  'io.k8s.api.core.v1.LimitRangeItem',
  {
    type: field(1, str()),
    max: field(2, mapOf(quantity())),
    min: field(3, mapOf(quantity())),
    default: field(4, mapOf(quantity())),
    defaultRequest: field(5, mapOf(quantity())),
    maxLimitRequestRatio: field(6, mapOf(quantity())),
  },
  { required: ['type'] },
);
export type LimitRangeItem = Static<typeof LimitRangeItem>;

export const LimitRangeSpec = struct(
  'io.k8s.api.core.v1.LimitRangeSpec',
  { limits: field(1, arrayOf(LimitRangeItem), { listType: 'atomic' }) },
  { required: ['limits'] },
);

export const LimitRangeSchema = objectSchema('io.k8s.api.core.v1.LimitRange', {
  spec: field(2, LimitRangeSpec),
});
export type LimitRange = Static<typeof LimitRangeSchema>;

/**
 * For `Container` limits: the default limit falls back to max, and the default request to the default
 * limit, then to min (upstream's SetDefaults_LimitRangeItem).
 */
export function defaultLimitRange(obj: Record<string, unknown>): void {
  const limits = (obj as LimitRange).spec?.limits;
  if (!Array.isArray(limits)) return;
  for (const item of limits) {
    if (item === null || typeof item !== 'object' || item.type !== 'Container') continue;
    const defaults = (item.default ??= {});
    const requests = (item.defaultRequest ??= {});
    for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in defaults)) defaults[k] = v;
    for (const [k, v] of Object.entries(defaults)) if (!(k in requests)) requests[k] = v;
    for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in requests)) requests[k] = v;
  }
}

export const LimitRangeKind: KindDefinition = {
  group: '',
  version: 'v1',
  kind: 'LimitRange',
  plural: 'limitranges',
  singular: 'limitrange',
  namespaced: true,
  shortNames: ['limits'],
  schema: LimitRangeSchema,
  defaults: defaultLimitRange,
};
