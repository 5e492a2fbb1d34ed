import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { badRequest, StatusError, unauthorized } from '../../machinery/status.js';
import { type Authenticator, requireUser, type UserInfo } from './authenticator.js';
import { UnionAuthenticator } from './union.js';

const alice: UserInfo = { name: 'alice', groups: ['system:authenticated'] };
const bob: UserInfo = { name: 'bob', groups: ['system:authenticated'] };
const answers = (user: UserInfo | undefined): Authenticator => ({ authenticate: () => user });
const rejects: Authenticator = {
  authenticate: () => {
    throw unauthorized();
  },
};

describe('UnionAuthenticator', () => {
  const cases: { name: string; members: Authenticator[]; want: UserInfo | undefined | 'Unauthorized' }[] = [
    {
      name: 'the first authenticator that knows the user wins',
      members: [answers(undefined), answers(alice), answers(bob)],
      want: alice,
    },
    { name: 'an invalid credential does not hide a valid one', members: [rejects, answers(bob)], want: bob },
    {
      name: 'an invalid credential and no valid one is unauthorized',
      members: [answers(undefined), rejects],
      want: 'Unauthorized',
    },
    { name: 'no credential at all is no answer', members: [answers(undefined), answers(undefined)], want: undefined },
    { name: 'no authenticators is no answer', members: [], want: undefined },
  ];
  for (const c of cases) {
    test(c.name, () => {
      let got: UserInfo | undefined | 'Unauthorized';
      try {
        got = new UnionAuthenticator(c.members).authenticate({ headers: {} });
      } catch (err) {
        assert.ok(err instanceof StatusError && err.code === 401);
        got = 'Unauthorized';
      }
      assert.equal(got, c.want);
    });
  }

  test('errors other than 401 are not swallowed', () => {
    const broken: Authenticator = {
      authenticate: () => {
        throw badRequest('broken');
      },
    };
    assert.throws(() => new UnionAuthenticator([broken, answers(alice)]).authenticate({ headers: {} }), /broken/);
  });
});

describe('requireUser', () => {
  test('returns the user when there is one', () => assert.equal(requireUser(answers(alice), { headers: {} }), alice));
  test('is a 401 Unauthorized Status without credentials', () => {
    assert.throws(
      () => requireUser(answers(undefined), { headers: {} }),
      (err: unknown) =>
        err instanceof StatusError &&
        err.code === 401 &&
        err.status.reason === 'Unauthorized' &&
        err.message === 'Unauthorized',
    );
  });
});
