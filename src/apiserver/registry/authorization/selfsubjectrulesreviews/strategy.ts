/** The policy of `selfsubjectrulesreviews`: what may I do in a namespace (`kubectl auth can-i --list`)? */
import type { Strategy } from '../../strategy.js';

export const selfSubjectRulesReviewsStrategy: Strategy = {
  prepareForCreate(o) {
    delete o.status;
  },
};
