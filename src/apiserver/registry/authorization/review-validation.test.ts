import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString } from '../../../machinery/field-errors.js';
import type { ApiObject } from '../strategy.js';
import { STRATEGIES } from './index.js';

const review = (kind: string, spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): ApiObject => ({
  apiVersion: 'authorization.k8s.io/v1',
  kind,
  metadata,
  spec,
});
const errors = (plural: string, o: ApiObject): string[] => {
  const strategy = STRATEGIES[plural];
  assert.ok(strategy);
  return (strategy.validate?.(o, { now: new Date(0) }) ?? []).map(errorString);
};
const GET_PODS = { resourceAttributes: { namespace: 'dev', verb: 'get', resource: 'pods' } };

describe('access review validation', () => {
  const cases: [string, string, ApiObject, string[]][] = [
    [
      'a review of a user getting pods is valid',
      'subjectaccessreviews',
      review('SubjectAccessReview', { ...GET_PODS, user: 'jane' }),
      [],
    ],
    [
      'a review needs a user or a group',
      'subjectaccessreviews',
      review('SubjectAccessReview', GET_PODS),
      ['spec.user: Invalid value: "": at least one of user or group must be specified'],
    ],
    [
      'a review asks about a resource or a URL',
      'selfsubjectaccessreviews',
      review('SelfSubjectAccessReview', {}),
      [
        'spec.resourceAttributes: Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified',
      ],
    ],
    [
      'a review may not carry metadata',
      'selfsubjectaccessreviews',
      review('SelfSubjectAccessReview', GET_PODS, { name: 'x' }),
      ['metadata: Invalid value: "object": must be empty'],
    ],
    [
      'a local review stays in its namespace',
      'localsubjectaccessreviews',
      review('LocalSubjectAccessReview', { ...GET_PODS, user: 'jane' }, { namespace: 'prod' }),
      ['spec.resourceAttributes.namespace: Invalid value: "dev": must match metadata.namespace'],
    ],
    [
      'a local review asks about resources only',
      'localsubjectaccessreviews',
      review(
        'LocalSubjectAccessReview',
        { nonResourceAttributes: { path: '/healthz', verb: 'get' }, user: 'jane' },
        { namespace: 'dev' },
      ),
      ['spec.nonResourceAttributes: Invalid value: "object": disallowed on this kind of request'],
    ],
  ];
  for (const [name, plural, input, expected] of cases)
    test(name, () => assert.deepEqual(errors(plural, input), expected));

  test('the client’s status is dropped before the review is answered', () => {
    const o = review('SelfSubjectAccessReview', GET_PODS);
    o.status = { allowed: true };
    STRATEGIES.selfsubjectaccessreviews?.prepareForCreate?.(o, { now: new Date(0) });
    assert.equal(o.status, undefined);
  });
});
