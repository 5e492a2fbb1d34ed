import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { conflict, gone, notFound, resourceExpired } from '../../machinery/status.js';
import { ApiError, apiErrorFromResponse, apiErrorFromStatusObject, TransportError } from './api-error.js';
import * as is from './error-predicates.js';

describe('apiErrorFromResponse', () => {
  test('a Status body is kept whole', () => {
    const status = notFound({ group: '', resource: 'pods' }, 'web').status;
    const err = apiErrorFromResponse(404, JSON.stringify(status), { verb: 'GET', resource: 'pods', name: 'web' });
    assert.ok(err instanceof ApiError);
    assert.deepEqual(err.status, status);
    assert.equal(err.message, 'pods "web" not found');
  });

  const generic: { name: string; code: number; verb: string; body: string; reason: string; message: string }[] = [
    {
      name: 'a bare 404 becomes NotFound naming the request',
      code: 404,
      verb: 'GET',
      body: '404 page not found',
      reason: 'NotFound',
      message: 'the server could not find the requested resource (get pods web)',
    },
    {
      name: 'a bare 409 on POST is AlreadyExists',
      code: 409,
      verb: 'POST',
      body: '',
      reason: 'AlreadyExists',
      message: 'the server reported a conflict (post pods web)',
    },
    {
      name: 'a bare 409 on PUT is Conflict',
      code: 409,
      verb: 'PUT',
      body: '',
      reason: 'Conflict',
      message: 'the server reported a conflict (put pods web)',
    },
    {
      name: 'a bare 403 keeps the server text',
      code: 403,
      verb: 'GET',
      body: 'nope',
      reason: 'Forbidden',
      message: 'nope (get pods web)',
    },
    {
      name: 'an unlisted 5xx quotes the server text',
      code: 502,
      verb: 'GET',
      body: 'bad gateway',
      reason: 'InternalError',
      message: 'an error on the server ("bad gateway") has prevented the request from succeeding (get pods web)',
    },
  ];
  for (const c of generic) {
    test(c.name, () => {
      const err = apiErrorFromResponse(c.code, c.body, { verb: c.verb, resource: 'pods', name: 'web' });
      assert.equal(err.code, c.code);
      assert.equal(err.reason, c.reason);
      assert.equal(err.message, c.message);
    });
  }

  test('Retry-After is carried in the details', () => {
    const err = apiErrorFromResponse(429, '', { verb: 'GET' }, 3);
    assert.equal(err.status.details?.retryAfterSeconds, 3);
  });

  test('an ERROR event object that is no Status becomes a 500', () => {
    const err = apiErrorFromStatusObject({ hello: 'world' });
    assert.equal(err.code, 500);
  });
});

describe('error predicates', () => {
  const status = (code: number, reason: string): ApiError =>
    new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code, reason });
  const cases: { name: string; err: unknown; yes: (keyof typeof is)[] }[] = [
    { name: 'NotFound is not found', err: notFound({ group: '', resource: 'pods' }, 'a'), yes: ['isNotFound'] },
    {
      name: 'Conflict is a conflict, not AlreadyExists',
      err: conflict({ group: '', resource: 'pods' }, 'a', 'x'),
      yes: ['isConflict'],
    },
    { name: 'AlreadyExists is not a conflict', err: status(409, 'AlreadyExists'), yes: ['isAlreadyExists'] },
    { name: 'Gone is gone and 410', err: gone('too old'), yes: ['isGone', 'isGoneOrExpired'] },
    { name: 'Expired is expired and 410', err: resourceExpired('too old'), yes: ['isExpired', 'isGoneOrExpired'] },
    { name: 'an unknown reason falls back to the code', err: status(404, 'Weird'), yes: ['isNotFound'] },
    { name: 'a known reason beats the code', err: status(404, 'Conflict'), yes: ['isConflict'] },
    {
      name: '429 is too many requests whatever the reason',
      err: status(429, 'Conflict'),
      yes: ['isConflict', 'isTooManyRequests'],
    },
    { name: 'a transport error is none of them', err: new TransportError('reset'), yes: [] },
    { name: 'undefined is none of them', err: undefined, yes: [] },
  ];
  const predicates = Object.keys(is) as (keyof typeof is)[];
  for (const c of cases) {
    test(c.name, () => {
      const got = predicates.filter((p) => is[p](c.err)).sort();
      assert.deepEqual(got, [...c.yes].sort());
    });
  }
});
