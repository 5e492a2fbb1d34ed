/** The policy of `clusterrolebindings` (rbac.authorization.k8s.io/v1): a ClusterRole reference that never changes. */
import type { Strategy } from '../../strategy.js';
import { bindingErrors, roleRefUpdateErrors, validateRBACName } from '../validation/rules.js';

export const clusterRoleBindingsStrategy: Strategy = {
  validateName: validateRBACName,
  validate: (o) => bindingErrors(o, false),
  validateUpdate: (o, old) => [...bindingErrors(o, false), ...roleRefUpdateErrors(o, old)],
};
