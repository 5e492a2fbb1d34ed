/** The kinds of authentication.k8s.io/v1 (TokenRequest is a subresource body, exported from token-request.ts). */
import type { KindDefinition } from '../../schema/kind.js';
import { SelfSubjectReviewKind } from './self-subject-review.js';
import { TokenReviewKind } from './token-review.js';

export const KINDS: KindDefinition[] = [TokenReviewKind, SelfSubjectReviewKind];
