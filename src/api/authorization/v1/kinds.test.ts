import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TSchema } from '@sinclair/typebox';
import { KINDS } from './index.js';
import { protobufNumberAt, protobufProblems } from '../../apps/v1/protobuf-numbers.js';
import { SubjectAccessReviewSchema } from './subject-access-review.js';
import { SelfSubjectRulesReviewSchema } from './self-subject-rules-review.js';

describe('authorization.k8s.io/v1 kinds', () => {
  for (const kind of KINDS) {
    test(`${kind.kind} has a protobuf number on every field, unique within each struct`, () => {
      assert.deepEqual(protobufProblems(kind.schema), []);
    });
  }

  const spots: [string, TSchema, string, number][] = [
    ['SubjectAccessReview', SubjectAccessReviewSchema, 'spec.uid', 6],
    ['SubjectAccessReview', SubjectAccessReviewSchema, 'spec.resourceAttributes.labelSelector', 9],
    ['SubjectAccessReview', SubjectAccessReviewSchema, 'status.denied', 4],
    ['SelfSubjectRulesReview', SelfSubjectRulesReviewSchema, 'status.evaluationError', 4],
  ];
  for (const [kind, schema, path, num] of spots) {
    test(`${kind} ${path} is protobuf field ${num}, as upstream's generated.proto says`, () => {
      assert.equal(protobufNumberAt(schema, path), num);
    });
  }

  test('reviews are create-only; only LocalSubjectAccessReview is namespaced', () => {
    for (const kind of KINDS) assert.deepEqual(kind.verbs, ['create']);
    assert.deepEqual(
      KINDS.filter((k) => k.namespaced).map((k) => k.kind),
      ['LocalSubjectAccessReview'],
    );
  });
});
