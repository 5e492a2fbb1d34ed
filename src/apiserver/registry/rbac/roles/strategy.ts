/** The policy of `roles` (rbac.authorization.k8s.io/v1): every rule names verbs, groups and resources. */
import type { Strategy } from '../../strategy.js';
import { rulesErrors, validateRBACName } from '../validation/rules.js';

export const rolesStrategy: Strategy = {
  validateName: validateRBACName,
  validate: (o) => rulesErrors(o.rules, true),
  validateUpdate: (o) => rulesErrors(o.rules, true),
};
