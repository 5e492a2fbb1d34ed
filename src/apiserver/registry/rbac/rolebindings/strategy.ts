/** The policy of `rolebindings` (rbac.authorization.k8s.io/v1): a Role or ClusterRole reference that never changes. */
import type { Strategy } from '../../strategy.js';
import { bindingErrors, roleRefUpdateErrors, validateRBACName } from '../validation/rules.js';

export const roleBindingsStrategy: Strategy = {
  validateName: validateRBACName,
  validate: (o) => bindingErrors(o, true),
  validateUpdate: (o, old) => [...bindingErrors(o, true), ...roleRefUpdateErrors(o, old)],
};
