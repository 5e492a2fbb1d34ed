/** RoleBinding (rbac.authorization.k8s.io/v1): grants a Role or ClusterRole within one namespace. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf } from '../../schema/primitives.js';
import { field } from '../../schema/struct.js';
import { defaultBinding, RoleRef, Subject } from './binding-refs.js';

const RoleBindingObject = objectSchema('io.k8s.api.rbac.v1.RoleBinding', {
  subjects: field(2, arrayOf(Subject)),
  roleRef: field(3, RoleRef),
});
RoleBindingObject.required = ['roleRef'];
export const RoleBindingSchema = RoleBindingObject;
export type RoleBinding = Static<typeof RoleBindingSchema>;

export const RoleBindingKind: KindDefinition = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'RoleBinding',
  plural: 'rolebindings',
  singular: 'rolebinding',
  namespaced: true,
  schema: RoleBindingSchema,
  defaults: defaultBinding,
};
