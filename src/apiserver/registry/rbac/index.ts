/**
 * The strategies of rbac.authorization.k8s.io/v1, by resource. Upstream also refuses roles and bindings
 * that would grant more than the requesting user holds (escalation checks); that needs the authorizer and
 * is not part of these strategies.
 */
import type { Strategy } from '../strategy.js';
import { clusterRoleBindingsStrategy } from './clusterrolebindings/strategy.js';
import { clusterRolesStrategy } from './clusterroles/strategy.js';
import { roleBindingsStrategy } from './rolebindings/strategy.js';
import { rolesStrategy } from './roles/strategy.js';

export const STRATEGIES: Record<string, Strategy> = {
  roles: rolesStrategy,
  clusterroles: clusterRolesStrategy,
  rolebindings: roleBindingsStrategy,
  clusterrolebindings: clusterRoleBindingsStrategy,
};
