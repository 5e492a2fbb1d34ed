/** ClusterRoleBinding (rbac.authorization.k8s.io/v1): grants a ClusterRole cluster-wide. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf } from '../../schema/primitives.js';
import { field } from '../../schema/struct.js';
import { defaultBinding, RoleRef, Subject } from './binding-refs.js';

const ClusterRoleBindingObject = objectSchema('io.k8s.api.rbac.v1.ClusterRoleBinding', {
  subjects: field(2, arrayOf(Subject)),
  roleRef: field(3, RoleRef),
});
ClusterRoleBindingObject.required = ['roleRef'];
export const ClusterRoleBindingSchema = ClusterRoleBindingObject;
export type ClusterRoleBinding = Static<typeof ClusterRoleBindingSchema>;

export const ClusterRoleBindingKind: KindDefinition = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'ClusterRoleBinding',
  plural: 'clusterrolebindings',
  singular: 'clusterrolebinding',
  namespaced: false,
  schema: ClusterRoleBindingSchema,
  defaults: defaultBinding,
};
