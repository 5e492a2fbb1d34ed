/**
 * Eviction (policy/v1): the body of a pod's `eviction` subresource (POST …/pods/{name}/eviction), a delete
 * that respects PodDisruptionBudgets. Not a resource of its own, so it has no KindDefinition.
 */
import type { Static } from '@sinclair/typebox';
import { objectSchema } from '../../schema/kind.js';
import { field } from '../../schema/struct.js';
import { DeleteOptions } from './delete-options.js';

export const EvictionSchema = objectSchema('io.k8s.api.policy.v1.Eviction', {
  deleteOptions: field(2, DeleteOptions),
});
export type Eviction = Static<typeof EvictionSchema>;

/** The group, version and kind of an eviction request. */
export const EVICTION_GVK = { group: 'policy', version: 'v1', kind: 'Eviction' } as const;

/** The cause type of an eviction refused by a PodDisruptionBudget. */
export const DISRUPTION_BUDGET_CAUSE = 'DisruptionBudget';
