/**
 * The policy of `tokenreviews` (authentication.k8s.io/v1). Nothing is stored: the create handler
 * authenticates spec.token and answers with the status. Upstream refuses an empty token with a 400
 * (BadRequest, {@link TOKEN_REQUIRED_MESSAGE}), not a field error, so the handler checks it.
 */
import type { Strategy } from '../../strategy.js';

/** The message of upstream's 400 for a TokenReview without a token. */
export const TOKEN_REQUIRED_MESSAGE = 'token is required for TokenReview in authentication';

export const tokenReviewsStrategy: Strategy = {
  prepareForCreate(o) {
    delete o.status;
  },
};
