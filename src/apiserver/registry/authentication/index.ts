/** The strategies of authentication.k8s.io/v1, by resource (both kinds are create-only reviews). */
import type { Strategy } from '../strategy.js';
import { selfSubjectReviewsStrategy } from './selfsubjectreviews/strategy.js';
import { tokenReviewsStrategy } from './tokenreviews/strategy.js';

export const STRATEGIES: Record<string, Strategy> = {
  tokenreviews: tokenReviewsStrategy,
  selfsubjectreviews: selfSubjectReviewsStrategy,
};
