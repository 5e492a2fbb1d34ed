import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TSchema } from '@sinclair/typebox';
import { KINDS } from './index.js';
import { protobufNumberAt, protobufProblems } from '../../apps/v1/protobuf-numbers.js';
import { TokenReviewSchema } from './token-review.js';
import { TokenRequestSchema } from './token-request.js';

describe('authentication.k8s.io/v1 kinds', () => {
  for (const kind of KINDS) {
    test(`${kind.kind} has a protobuf number on every field, unique within each struct`, () => {
      assert.deepEqual(protobufProblems(kind.schema), []);
    });
  }

  const spots: [string, TSchema, string, number][] = [
    ['TokenReview', TokenReviewSchema, 'spec.audiences', 2],
    ['TokenReview', TokenReviewSchema, 'status.audiences', 4],
    ['TokenReview', TokenReviewSchema, 'status.user.extra', 4],
    ['TokenRequest', TokenRequestSchema, 'spec.expirationSeconds', 4],
  ];
  for (const [kind, schema, path, num] of spots) {
    test(`${kind} ${path} is protobuf field ${num}, as upstream's generated.proto says`, () => {
      assert.equal(protobufNumberAt(schema, path), num);
    });
  }

  test('reviews are create-only and cluster-scoped', () => {
    for (const kind of KINDS) {
      assert.deepEqual(kind.verbs, ['create']);
      assert.equal(kind.namespaced, false);
    }
  });
});
