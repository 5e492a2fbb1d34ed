/**
 * ClusterRole (rbac.authorization.k8s.io/v1): cluster-wide permissions. With an aggregationRule, its rules
 * are the union of the ClusterRoles its selectors match (kept by the aggregation controller).
 */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf } from '../../schema/primitives.js';
import { field } from '../../schema/struct.js';
import { AggregationRule, PolicyRule } from './policy-rule.js';

export const ClusterRoleSchema = objectSchema('io.k8s.api.rbac.v1.ClusterRole', {
  rules: field(2, arrayOf(PolicyRule)),
  aggregationRule: field(3, AggregationRule),
});
export type ClusterRole = Static<typeof ClusterRoleSchema>;

export const ClusterRoleKind: KindDefinition = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'ClusterRole',
  plural: 'clusterroles',
  singular: 'clusterrole',
  namespaced: false,
  schema: ClusterRoleSchema,
};
