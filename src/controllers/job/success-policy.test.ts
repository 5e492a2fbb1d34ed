import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OrderedIntervals } from './ordered-intervals.js';
import { matchSuccessPolicy, type SuccessPolicy } from './success-policy.js';

describe('matchSuccessPolicy', () => {
  const cases: [string, SuccessPolicy | undefined, string, string | undefined][] = [
    ['no policy never matches', undefined, '0-9', undefined],
    ['all listed indexes succeeded', { rules: [{ succeededIndexes: '0,2-3' }] }, '0-4', 'Matched rules at index 0'],
    ['a listed index missing', { rules: [{ succeededIndexes: '0,2-3' }] }, '0-2', undefined],
    [
      'enough of the listed indexes',
      { rules: [{ succeededIndexes: '0-5', succeededCount: 2 }] },
      '1,4,8',
      'Matched rules at index 0',
    ],
    ['too few of the listed indexes', { rules: [{ succeededIndexes: '0-5', succeededCount: 3 }] }, '1,4,8', undefined],
    ['a count alone looks at every index', { rules: [{ succeededCount: 3 }] }, '1,4,8', 'Matched rules at index 0'],
    [
      'the first matching rule is reported',
      { rules: [{ succeededCount: 9 }, { succeededIndexes: '4' }] },
      '4',
      'Matched rules at index 1',
    ],
    ['nothing succeeded yet', { rules: [{ succeededCount: 0 }] }, '', undefined],
  ];
  for (const [name, policy, succeeded, message] of cases) {
    test(name, () => assert.equal(matchSuccessPolicy(policy, 10, OrderedIntervals.parse(succeeded, 10)), message));
  }
});
