/** The policy of `selfsubjectaccessreviews`: may I do this (`kubectl auth can-i`)? Empty metadata. */
import type { Strategy } from '../../strategy.js';
import { attributesErrors, emptyMetadataErrors } from '../review-validation.js';

export const selfSubjectAccessReviewsStrategy: Strategy = {
  prepareForCreate(o) {
    delete o.status;
  },
  validate: (o) => [...attributesErrors(o.spec), ...emptyMetadataErrors(o, false)],
};
