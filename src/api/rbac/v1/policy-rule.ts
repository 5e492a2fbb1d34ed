/** What a Role or ClusterRole (rbac.authorization.k8s.io/v1) allows, and how ClusterRoles aggregate. */
import type { Static } from '@sinclair/typebox';
import { arrayOf, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { LabelSelector } from '../../meta/v1/object-meta.js';

export const PolicyRule = struct(
  'io.k8s.api.rbac.v1.PolicyRule',
  {
    verbs: field(1, arrayOf(str())),
    apiGroups: field(2, arrayOf(str())),
    resources: field(3, arrayOf(str())),
    resourceNames: field(4, arrayOf(str())),
    nonResourceURLs: field(5, arrayOf(str())),
  },
  { required: ['verbs'] },
);
export type PolicyRule = Static<typeof PolicyRule>;

export const AggregationRule = struct('io.k8s.api.rbac.v1.AggregationRule', {
  clusterRoleSelectors: field(1, arrayOf(LabelSelector)),
});
