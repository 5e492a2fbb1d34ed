/**
 * The policy of `jobs` (batch/v1): unless manualSelector is true, the selector and pod labels are
 * generated from the Job's uid; the pod template is immutable (scheduling directives aside while a Job
 * is suspended and never started); status belongs to the controller.
 */
import type { Strategy } from '../../strategy.js';
import { keepStatus } from '../../apps/validation/lifecycle.js';
import { generateSelector } from './generated-selector.js';
import { jobErrors, jobStatusUpdateErrors, jobUpdateErrors } from './validation.js';

export const jobsStrategy: Strategy = {
  prepareForCreate(o) {
    o.status = {};
    generateSelector(o);
  },
  validate: jobErrors,
  prepareForUpdate: keepStatus,
  validateUpdate: jobUpdateErrors,
  validateStatusUpdate: jobStatusUpdateErrors,
};
