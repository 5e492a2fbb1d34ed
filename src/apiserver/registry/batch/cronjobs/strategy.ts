/**
 * The policy of `cronjobs` (batch/v1): the schedule must parse as five cron fields or a descriptor, the time
 * zone must be known, names leave room for the Jobs' suffix; status belongs to the controller.
 */
import type { Strategy } from '../../strategy.js';
import { keepStatus } from '../../apps/validation/lifecycle.js';
import { cronJobCreateErrors, cronJobSpecErrors } from './validation.js';

export const cronJobsStrategy: Strategy = {
  prepareForCreate(o) {
    o.status = {};
  },
  validate: cronJobCreateErrors,
  prepareForUpdate: keepStatus,
  validateUpdate: (o, old) => cronJobSpecErrors(o.spec, old.spec),
};
