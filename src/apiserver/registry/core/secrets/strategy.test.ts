import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SecretKind } from '../../../../api/core/v1/secret.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, update } from '../validation/strategy-harness.js';
import { secretsStrategy } from './strategy.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const secret = (fields: Record<string, unknown>): ApiObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 's', namespace: 'default' },
  ...fields,
});

describe('secrets strategy', () => {
  const cases: { name: string; input: ApiObject; errors: string[] }[] = [
    { name: 'an Opaque secret with data is valid', input: secret({ data: { password: b64('hunter2') } }), errors: [] },
    {
      name: 'a data key with a slash is rejected',
      input: secret({ data: { 'a/b': b64('x') } }),
      errors: [
        `data[a/b]: Invalid value: "a/b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
      ],
    },
    {
      name: 'a stringData key is checked as a data key',
      input: secret({ stringData: { '..': 'x' } }),
      errors: ['data[..]: Invalid value: "..": must not be \'..\''],
    },
    {
      name: 'a TLS secret needs both the certificate and the key',
      input: secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': b64('c') } }),
      errors: ['data[tls.key]: Required value'],
    },
    {
      name: 'a docker config secret must hold JSON',
      input: secret({ type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('{not json') } }),
      errors: [
        `data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": ${(() => {
          try {
            JSON.parse('{not json');
            return '';
          } catch (e) {
            return (e as Error).message;
          }
        })()}`,
      ],
    },
    {
      name: 'a service account token secret names its service account',
      input: secret({ type: 'kubernetes.io/service-account-token' }),
      errors: ['metadata.annotations[kubernetes.io/service-account.name]: Required value'],
    },
    {
      name: 'more than 1 MiB of data is too long',
      input: secret({ data: { big: Buffer.alloc(1024 * 1024 + 1).toString('base64') } }),
      errors: ['data: Too long: may not be more than 1048576 bytes'],
    },
  ];
  for (const c of cases)
    test(c.name, () => assert.deepEqual(create(secretsStrategy, SecretKind, c.input).errors, c.errors));

  test('stringData is merged into data, overwriting, and never stored', () => {
    const { obj } = create(
      secretsStrategy,
      SecretKind,
      secret({ data: { a: b64('old'), b: b64('kept') }, stringData: { a: 'new' } }),
    );
    assert.deepEqual(obj.data, { a: b64('new'), b: b64('kept') });
    assert.equal(obj.stringData, undefined);
    assert.equal(obj.type, 'Opaque');
  });

  test('the type cannot change', () => {
    const old = stored(secretsStrategy, SecretKind, secret({ data: {} }));
    const { errors } = update(
      secretsStrategy,
      SecretKind,
      secret({ type: 'kubernetes.io/basic-auth', data: { username: b64('u') } }),
      old,
    );
    assert.deepEqual(errors, ['type: Invalid value: "kubernetes.io/basic-auth": field is immutable']);
  });

  test('an immutable secret keeps its data and stays immutable', () => {
    const old = stored(secretsStrategy, SecretKind, secret({ immutable: true, data: { a: b64('1') } }));
    const { errors } = update(secretsStrategy, SecretKind, secret({ immutable: false, stringData: { a: '2' } }), old);
    assert.deepEqual(errors, [
      'immutable: Forbidden: field is immutable when `immutable` is set',
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
  });
});
