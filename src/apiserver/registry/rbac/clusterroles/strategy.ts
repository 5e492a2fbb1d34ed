/**
 * The policy of `clusterroles` (rbac.authorization.k8s.io/v1): rules as for roles (non-resource URLs
 * allowed), and an aggregation rule, when given, selects with at least one valid selector.
 */
import type { ApiObject, Strategy } from '../../strategy.js';
import { aggregationRuleErrors, rulesErrors, validateRBACName } from '../validation/rules.js';

const clusterRoleErrors = (o: ApiObject) => [
  ...rulesErrors(o.rules, false),
  ...aggregationRuleErrors(o.aggregationRule),
];

export const clusterRolesStrategy: Strategy = {
  validateName: validateRBACName,
  validate: clusterRoleErrors,
  validateUpdate: clusterRoleErrors,
};
