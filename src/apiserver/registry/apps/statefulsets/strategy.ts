/**
 * The policy of `statefulsets` (apps/v1): names are DNS labels (pods are named after them); on update only
 * replicas, ordinals, template, updateStrategy, revisionHistoryLimit, the claim retention policy and
 * minReadySeconds may change; status belongs to the controller.
 */
import { FieldPath } from '../../../../machinery/field-errors.js';
import { nameIsDNSLabel } from '../../../../machinery/validation/name-functions.js';
import type { Strategy } from '../../strategy.js';
import { obj } from '../validation/json.js';
import { keepStatus } from '../validation/lifecycle.js';
import { collisionCountErrors } from '../validation/numbers.js';
import { statefulSetSpecErrors, statefulSetSpecUpdateErrors, statefulSetStatusErrors } from './validation.js';

export const statefulSetsStrategy: Strategy = {
  validateName: nameIsDNSLabel,
  prepareForCreate(o) {
    o.status = { replicas: 0, availableReplicas: 0 };
  },
  validate: (o) => statefulSetSpecErrors(o.spec),
  prepareForUpdate: keepStatus,
  validateUpdate: (o, old) => [...statefulSetSpecErrors(o.spec), ...statefulSetSpecUpdateErrors(o.spec, old.spec)],
  validateStatusUpdate: (o, old) => [
    ...statefulSetStatusErrors(o.status),
    ...collisionCountErrors(obj(o.status), obj(old.status), FieldPath.root('status')),
  ],
};
