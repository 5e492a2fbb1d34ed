/**
 * TokenReview (authentication.k8s.io/v1): asks the API server who a bearer token authenticates as. Created
 * only; the answer is in the returned status, nothing is stored.
 */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, bool, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { UserInfo } from './user-info.js';

export const TokenReviewSpec = struct('io.k8s.api.authentication.v1.TokenReviewSpec', {
  token: field(1, str()),
  audiences: field(2, arrayOf(str()), { listType: 'atomic' }),
});

export const TokenReviewStatus = struct('io.k8s.api.authentication.v1.TokenReviewStatus', {
  authenticated: field(1, bool()),
  user: field(2, UserInfo),
  audiences: field(4, arrayOf(str()), { listType: 'atomic' }),
  error: field(3, str()),
});

const TokenReviewObject = objectSchema('io.k8s.api.authentication.v1.TokenReview', {
  spec: field(2, TokenReviewSpec),
  status: field(3, TokenReviewStatus),
});
TokenReviewObject.required = ['spec'];
export const TokenReviewSchema = TokenReviewObject;
export type TokenReview = Static<typeof TokenReviewSchema>;

export const TokenReviewKind: KindDefinition = {
  group: 'authentication.k8s.io',
  version: 'v1',
  kind: 'TokenReview',
  plural: 'tokenreviews',
  singular: 'tokenreview',
  namespaced: false,
  verbs: ['create'],
  schema: TokenReviewSchema,
};
