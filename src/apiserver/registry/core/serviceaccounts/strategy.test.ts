import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ServiceAccountKind } from '../../../../api/core/v1/service-account.js';
import { create } from '../validation/strategy-harness.js';
import { serviceaccountsStrategy } from './strategy.js';

describe('serviceaccounts strategy', () => {
  test('secret references keep only their names', () => {
    const { obj, errors } = create(serviceaccountsStrategy, ServiceAccountKind, {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'builder', namespace: 'default' },
      secrets: [{ name: 'token', namespace: 'other', uid: 'x' }],
      imagePullSecrets: [{}],
    });
    assert.deepEqual(errors, []);
    assert.deepEqual(obj.secrets, [{ name: 'token' }]);
    assert.deepEqual(obj.imagePullSecrets, [{ name: '' }]);
  });
});
