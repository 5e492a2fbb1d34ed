/** The policy of `localsubjectaccessreviews`: a SubjectAccessReview confined to the request's namespace. */
import type { Strategy } from '../../strategy.js';
import { emptyMetadataErrors, localReviewErrors, subjectAccessReviewSpecErrors } from '../review-validation.js';

export const localSubjectAccessReviewsStrategy: Strategy = {
  prepareForCreate(o) {
    delete o.status;
  },
  validate: (o) => [...subjectAccessReviewSpecErrors(o.spec), ...emptyMetadataErrors(o, true), ...localReviewErrors(o)],
};
