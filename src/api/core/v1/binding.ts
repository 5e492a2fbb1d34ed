/** Binding: ties an object to another, e.g. a pod to the node the scheduler chose (pods/binding). */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { field } from '../../schema/struct.js';
import { ObjectReference } from './object-reference.js';

export const BindingSchema = objectSchema('io.k8s.api.core.v1.Binding', {
  target: field(2, ObjectReference),
});
export type Binding = Static<typeof BindingSchema>;

/** Served as `bindings` (create only) and as the `binding` subresource of pods. */
export const BindingKind: KindDefinition = {
  group: '',
  version: 'v1',
  kind: 'Binding',
  plural: 'bindings',
  singular: 'binding',
  namespaced: true,
  verbs: ['create'],
  schema: BindingSchema,
};
