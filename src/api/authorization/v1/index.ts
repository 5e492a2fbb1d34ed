/** The kinds of authorization.k8s.io/v1. */
import type { KindDefinition } from '../../schema/kind.js';
import { SelfSubjectRulesReviewKind } from './self-subject-rules-review.js';
import {
  LocalSubjectAccessReviewKind,
  SelfSubjectAccessReviewKind,
  SubjectAccessReviewKind,
} from './subject-access-review.js';

export const KINDS: KindDefinition[] = [
  SubjectAccessReviewKind,
  SelfSubjectAccessReviewKind,
  LocalSubjectAccessReviewKind,
  SelfSubjectRulesReviewKind,
];
