/** The policy of `subjectaccessreviews`: may this user (or these groups) do this? Empty metadata. */
import type { Strategy } from '../../strategy.js';
import { emptyMetadataErrors, subjectAccessReviewSpecErrors } from '../review-validation.js';

export const subjectAccessReviewsStrategy: Strategy = {
  prepareForCreate(o) {
    delete o.status;
  },
  validate: (o) => [...subjectAccessReviewSpecErrors(o.spec), ...emptyMetadataErrors(o, false)],
};
