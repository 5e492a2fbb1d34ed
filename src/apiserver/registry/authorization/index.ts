/** The strategies of authorization.k8s.io/v1, by resource (all create-only reviews). */
import type { Strategy } from '../strategy.js';
import { localSubjectAccessReviewsStrategy } from './localsubjectaccessreviews/strategy.js';
import { selfSubjectAccessReviewsStrategy } from './selfsubjectaccessreviews/strategy.js';
import { selfSubjectRulesReviewsStrategy } from './selfsubjectrulesreviews/strategy.js';
import { subjectAccessReviewsStrategy } from './subjectaccessreviews/strategy.js';

export const STRATEGIES: Record<string, Strategy> = {
  subjectaccessreviews: subjectAccessReviewsStrategy,
  selfsubjectaccessreviews: selfSubjectAccessReviewsStrategy,
  localsubjectaccessreviews: localSubjectAccessReviewsStrategy,
  selfsubjectrulesreviews: selfSubjectRulesReviewsStrategy,
};
