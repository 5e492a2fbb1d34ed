/** PodDisruptionBudget (policy/v1): how many of a set of pods voluntary disruptions may take down at once. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, int32, int64, intOrString, mapOf, str, time } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { Condition, LabelSelector } from '../../meta/v1/object-meta.js';
import { byType } from '../../apps/v1/list-options.js';

export const UnhealthyPodEvictionPolicy = ['AlwaysAllow', 'IfHealthyBudget'] as const;

export const PodDisruptionBudgetSpec = struct('io.k8s.api.policy.v1.PodDisruptionBudgetSpec', {
  minAvailable: field(1, intOrString()),
  selector: field(2, LabelSelector, { patchStrategy: 'replace' }),
  maxUnavailable: field(3, intOrString()),
  unhealthyPodEvictionPolicy: field(4, str({ enum: UnhealthyPodEvictionPolicy })),
});
export type PodDisruptionBudgetSpec = Static<typeof PodDisruptionBudgetSpec>;

export const PodDisruptionBudgetStatus = struct(
  'io.k8s.api.policy.v1.PodDisruptionBudgetStatus',
  {
    observedGeneration: field(1, int64()),
    disruptedPods: field(2, mapOf(time())),
    disruptionsAllowed: field(3, int32()),
    currentHealthy: field(4, int32()),
    desiredHealthy: field(5, int32()),
    expectedPods: field(6, int32()),
    conditions: field(7, arrayOf(Condition), byType),
  },
  { required: ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods'] },
);
export type PodDisruptionBudgetStatus = Static<typeof PodDisruptionBudgetStatus>;

export const PodDisruptionBudgetSchema = objectSchema('io.k8s.api.policy.v1.PodDisruptionBudget', {
  spec: field(2, PodDisruptionBudgetSpec),
  status: field(3, PodDisruptionBudgetStatus),
});
export type PodDisruptionBudget = Static<typeof PodDisruptionBudgetSchema>;

export const PodDisruptionBudgetKind: KindDefinition = {
  group: 'policy',
  version: 'v1',
  kind: 'PodDisruptionBudget',
  plural: 'poddisruptionbudgets',
  singular: 'poddisruptionbudget',
  namespaced: true,
  shortNames: ['pdb'],
  schema: PodDisruptionBudgetSchema,
  subresources: { status: true },
};
