/** Role (rbac.authorization.k8s.io/v1): namespaced permissions, granted by RoleBindings. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf } from '../../schema/primitives.js';
import { field } from '../../schema/struct.js';
import { PolicyRule } from './policy-rule.js';

export const RoleSchema = objectSchema('io.k8s.api.rbac.v1.Role', {
  rules: field(2, arrayOf(PolicyRule)),
});
export type Role = Static<typeof RoleSchema>;

export const RoleKind: KindDefinition = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'Role',
  plural: 'roles',
  singular: 'role',
  namespaced: true,
  schema: RoleSchema,
};
