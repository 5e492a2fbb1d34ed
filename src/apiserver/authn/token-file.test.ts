import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { StatusError } from '../../machinery/status.js';
import type { RequestHeaders, UserInfo } from './authenticator.js';
import { bearerToken } from './bearer-token.js';
import { parseTokenFile, TokenFileAuthenticator } from './token-file.js';

describe('parseTokenFile', () => {
  test('reads token, user, uid and optional quoted groups', () => {
    const { tokens, warnings } = parseTokenFile('t1,alice,u1,"dev,ops"\nt2,bob,u2\nt3,carol,,\n', 'tokens.csv');
    assert.deepEqual(Object.fromEntries(tokens), {
      t1: { name: 'alice', uid: 'u1', groups: ['dev', 'ops'] },
      t2: { name: 'bob', uid: 'u2', groups: [] },
      t3: { name: 'carol', groups: [] },
    });
    assert.deepEqual(warnings, []);
  });

  test('skips empty tokens and lets a repeated token replace the earlier one, with warnings', () => {
    const { tokens, warnings } = parseTokenFile(',nobody,0\nt,first,1\nt,second,2\n', 'f');
    assert.deepEqual([...tokens.keys()], ['t']);
    assert.equal(tokens.get('t')?.name, 'second');
    assert.deepEqual(warnings, [
      "empty token has been found in token file 'f', record number '1'",
      "duplicate token has been found in token file 'f', record number '3'",
    ]);
  });

  test('a record with fewer than 3 columns is an error, as upstream words it', () => {
    assert.throws(
      () => parseTokenFile('t1,alice\n', 'tokens.csv'),
      /^Error: token file 'tokens.csv' must have at least 3 columns \(token, user name, user uid\), found 2$/,
    );
  });
});

describe('bearerToken', () => {
  const cases: { name: string; headers: RequestHeaders; want: string | undefined }[] = [
    { name: 'reads a Bearer token', headers: { authorization: 'Bearer abc' }, want: 'abc' },
    { name: 'matches the scheme case-insensitively', headers: { authorization: 'bearer abc' }, want: 'abc' },
    { name: 'ignores surrounding spaces', headers: { authorization: '  Bearer abc ' }, want: 'abc' },
    { name: 'ignores other schemes', headers: { authorization: 'Basic YTpi' }, want: undefined },
    { name: 'ignores an empty token', headers: { authorization: 'Bearer  x' }, want: undefined },
    { name: 'ignores a scheme alone', headers: { authorization: 'Bearer' }, want: undefined },
    { name: 'is undefined without the header', headers: {}, want: undefined },
  ];
  for (const c of cases) test(c.name, () => assert.equal(bearerToken(c.headers), c.want));
});

describe('TokenFileAuthenticator', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'skiff-tokens-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));
  const path = join(scratch, 'tokens.csv');
  writeFileSync(path, 'secret-1,alice,u1,"dev,system:masters"\n');
  const { authenticator } = TokenFileAuthenticator.fromFile(path);

  const cases: { name: string; headers: RequestHeaders; want: UserInfo | undefined | 'Unauthorized' }[] = [
    {
      name: 'a known token is its user, also in system:authenticated',
      headers: { authorization: 'Bearer secret-1' },
      want: { name: 'alice', uid: 'u1', groups: ['dev', 'system:masters', 'system:authenticated'] },
    },
    { name: 'an unknown token is unauthorized', headers: { authorization: 'Bearer secret-2' }, want: 'Unauthorized' },
    { name: 'no token means no answer', headers: {}, want: undefined },
  ];
  for (const c of cases) {
    test(c.name, () => {
      let got: UserInfo | undefined | 'Unauthorized';
      try {
        got = authenticator.authenticate({ headers: c.headers });
      } catch (err) {
        assert.ok(err instanceof StatusError && err.code === 401 && err.message === 'Unauthorized');
        got = 'Unauthorized';
      }
      assert.deepEqual(got, c.want);
    });
  }

  test('a missing token file is an error', () => {
    assert.throws(() => TokenFileAuthenticator.fromFile(join(scratch, 'absent.csv')), /ENOENT/);
  });
});
