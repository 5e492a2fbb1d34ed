/**
 * Access reviews (authorization.k8s.io/v1): may a user (SubjectAccessReview), a user in one namespace
 * (LocalSubjectAccessReview) or the caller (SelfSubjectAccessReview) do something? Created only; the
 * answer is in the returned status, nothing is stored.
 */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, bool, mapOf, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { ExtraValue, NonResourceAttributes, ResourceAttributes } from './attributes.js';

export const SubjectAccessReviewSpec = struct('io.k8s.api.authorization.v1.SubjectAccessReviewSpec', {
  resourceAttributes: field(1, ResourceAttributes),
  nonResourceAttributes: field(2, NonResourceAttributes),
  user: field(3, str()),
  groups: field(4, arrayOf(str()), { listType: 'atomic' }),
  extra: field(5, mapOf(ExtraValue)),
  uid: field(6, str()),
});

export const SubjectAccessReviewStatus = struct(
  'io.k8s.api.authorization.v1.SubjectAccessReviewStatus',
  {
    allowed: field(1, bool()),
    denied: field(4, bool()),
    reason: field(2, str()),
    evaluationError: field(3, str()),
  },
  { required: ['allowed'] },
);

export const SelfSubjectAccessReviewSpec = struct('io.k8s.api.authorization.v1.SelfSubjectAccessReviewSpec', {
  resourceAttributes: field(1, ResourceAttributes),
  nonResourceAttributes: field(2, NonResourceAttributes),
});

const review = <S extends typeof SubjectAccessReviewSpec | typeof SelfSubjectAccessReviewSpec>(id: string, spec: S) => {
  const schema = objectSchema(id, { spec: field(2, spec), status: field(3, SubjectAccessReviewStatus) });
  schema.required = ['spec'];
  return schema;
};

export const SubjectAccessReviewSchema = review(
  'io.k8s.api.authorization.v1.SubjectAccessReview',
  SubjectAccessReviewSpec,
);
export type SubjectAccessReview = Static<typeof SubjectAccessReviewSchema>;

export const LocalSubjectAccessReviewSchema = review(
  'io.k8s.api.authorization.v1.LocalSubjectAccessReview',
  SubjectAccessReviewSpec,
);
export type LocalSubjectAccessReview = Static<typeof LocalSubjectAccessReviewSchema>;

export const SelfSubjectAccessReviewSchema = review(
  'io.k8s.api.authorization.v1.SelfSubjectAccessReview',
  SelfSubjectAccessReviewSpec,
);
export type SelfSubjectAccessReview = Static<typeof SelfSubjectAccessReviewSchema>;

const base = { group: 'authorization.k8s.io', version: 'v1', verbs: ['create'] } as const;

export const SubjectAccessReviewKind: KindDefinition = {
  ...base,
  kind: 'SubjectAccessReview',
  plural: 'subjectaccessreviews',
  singular: 'subjectaccessreview',
  namespaced: false,
  schema: SubjectAccessReviewSchema,
};

export const LocalSubjectAccessReviewKind: KindDefinition = {
  ...base,
  kind: 'LocalSubjectAccessReview',
  plural: 'localsubjectaccessreviews',
  singular: 'localsubjectaccessreview',
  namespaced: true,
  schema: LocalSubjectAccessReviewSchema,
};

export const SelfSubjectAccessReviewKind: KindDefinition = {
  ...base,
  kind: 'SelfSubjectAccessReview',
  plural: 'selfsubjectaccessreviews',
  singular: 'selfsubjectaccessreview',
  namespaced: false,
  schema: SelfSubjectAccessReviewSchema,
};
