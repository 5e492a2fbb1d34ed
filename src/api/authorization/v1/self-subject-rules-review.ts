/**
 * SelfSubjectRulesReview (authorization.k8s.io/v1): what may the caller do in a namespace
 * (`kubectl auth can-i --list`)? Created only; the answer is in the returned status.
 */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, bool, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';

export const ResourceRule = struct(
  'io.k8s.api.authorization.v1.ResourceRule',
  {
    verbs: field(1, arrayOf(str()), { listType: 'atomic' }),
    apiGroups: field(2, arrayOf(str()), { listType: 'atomic' }),
    resources: field(3, arrayOf(str()), { listType: 'atomic' }),
    resourceNames: field(4, arrayOf(str()), { listType: 'atomic' }),
  },
  { required: ['verbs'] },
);

export const NonResourceRule = struct(
  'io.k8s.api.authorization.v1.NonResourceRule',
  {
    verbs: field(1, arrayOf(str()), { listType: 'atomic' }),
    nonResourceURLs: field(2, arrayOf(str()), { listType: 'atomic' }),
  },
  { required: ['verbs'] },
);

export const SubjectRulesReviewStatus = struct(
  'io.k8s.api.authorization.v1.SubjectRulesReviewStatus',
  {
    resourceRules: field(1, arrayOf(ResourceRule), { listType: 'atomic' }),
    nonResourceRules: field(2, arrayOf(NonResourceRule), { listType: 'atomic' }),
    incomplete: field(3, bool()),
    evaluationError: field(4, str()),
  },
  { required: ['resourceRules', 'nonResourceRules', 'incomplete'] },
);

export const SelfSubjectRulesReviewSpec = struct('io.k8s.api.authorization.v1.SelfSubjectRulesReviewSpec', {
  namespace: field(1, str()),
});

const SelfSubjectRulesReviewObject = objectSchema('io.k8s.api.authorization.v1.SelfSubjectRulesReview', {
  spec: field(2, SelfSubjectRulesReviewSpec),
  status: field(3, SubjectRulesReviewStatus),
});
SelfSubjectRulesReviewObject.required = ['spec'];
export const SelfSubjectRulesReviewSchema = SelfSubjectRulesReviewObject;
export type SelfSubjectRulesReview = Static<typeof SelfSubjectRulesReviewSchema>;

export const SelfSubjectRulesReviewKind: KindDefinition = {
  group: 'authorization.k8s.io',
  version: 'v1',
  kind: 'SelfSubjectRulesReview',
  plural: 'selfsubjectrulesreviews',
  singular: 'selfsubjectrulesreview',
  namespaced: false,
  verbs: ['create'],
  schema: SelfSubjectRulesReviewSchema,
};
