/** PriorityClass (scheduling.k8s.io/v1): a named pod priority, and whether pods of it may preempt others. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { bool, int32, str } from '../../schema/primitives.js';
import { field } from '../../schema/struct.js';

export const PreemptionPolicy = ['Never', 'PreemptLowerPriority'] as const;

/** The highest value a user-defined PriorityClass may have (one billion). */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
/** Names starting with this prefix are reserved for the system classes. */
export const SYSTEM_PRIORITY_CLASS_PREFIX = 'system-';
/** The system classes and their fixed values (upstream's SystemPriorityClasses). */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-node-critical': 2_000_001_000,
  'system-cluster-critical': 2_000_000_000,
};

const PriorityClassObject = objectSchema('io.k8s.api.scheduling.v1.PriorityClass', {
  value: field(2, int32()),
  globalDefault: field(3, bool()),
  description: field(4, str()),
  preemptionPolicy: field(5, str({ enum: PreemptionPolicy }), { default: 'PreemptLowerPriority' }),
});
PriorityClassObject.required = ['value'];
export const PriorityClassSchema = PriorityClassObject;
export type PriorityClass = Static<typeof PriorityClassSchema>;

export const PriorityClassKind: KindDefinition = {
  group: 'scheduling.k8s.io',
  version: 'v1',
  kind: 'PriorityClass',
  plural: 'priorityclasses',
  singular: 'priorityclass',
  namespaced: false,
  shortNames: ['pc'],
  schema: PriorityClassSchema,
};
