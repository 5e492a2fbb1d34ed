/** The policy of `daemonsets` (apps/v1): the selector is immutable; status belongs to the controller. */
import { FieldPath } from '../../../../machinery/field-errors.js';
import type { Strategy } from '../../strategy.js';
import { obj } from '../validation/json.js';
import { keepStatus, selectorImmutableErrors } from '../validation/lifecycle.js';
import { collisionCountErrors } from '../validation/numbers.js';
import { daemonSetSpecErrors, daemonSetStatusErrors } from './validation.js';

export const daemonSetsStrategy: Strategy = {
  prepareForCreate(o) {
    o.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
  },
  validate: (o) => daemonSetSpecErrors(o.spec),
  prepareForUpdate: keepStatus,
  validateUpdate: (o, old) => [...daemonSetSpecErrors(o.spec), ...selectorImmutableErrors(o, old)],
  validateStatusUpdate: (o, old) => [
    ...daemonSetStatusErrors(o.status),
    ...collisionCountErrors(obj(o.status), obj(old.status), FieldPath.root('status')),
  ],
};
