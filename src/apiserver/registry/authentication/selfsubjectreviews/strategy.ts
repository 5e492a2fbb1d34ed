/**
 * The policy of `selfsubjectreviews` (authentication.k8s.io/v1). Nothing is stored: the create handler
 * answers with the caller's user info in status; whatever status the client sent is dropped.
 */
import type { Strategy } from '../../strategy.js';

export const selfSubjectReviewsStrategy: Strategy = {
  prepareForCreate(o) {
    delete o.status;
  },
};
