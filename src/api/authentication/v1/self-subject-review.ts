/**
 * SelfSubjectReview (authentication.k8s.io/v1): asks who the caller is (`kubectl auth whoami`). Created
 * only; the answer is in the returned status.
 */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { field, struct } from '../../schema/struct.js';
import { UserInfo } from './user-info.js';

export const SelfSubjectReviewStatus = struct('io.k8s.api.authentication.v1.SelfSubjectReviewStatus', {
  userInfo: field(1, UserInfo),
});

export const SelfSubjectReviewSchema = objectSchema('io.k8s.api.authentication.v1.SelfSubjectReview', {
  status: field(2, SelfSubjectReviewStatus),
});
export type SelfSubjectReview = Static<typeof SelfSubjectReviewSchema>;

export const SelfSubjectReviewKind: KindDefinition = {
  group: 'authentication.k8s.io',
  version: 'v1',
  kind: 'SelfSubjectReview',
  plural: 'selfsubjectreviews',
  singular: 'selfsubjectreview',
  namespaced: false,
  verbs: ['create'],
  schema: SelfSubjectReviewSchema,
};
