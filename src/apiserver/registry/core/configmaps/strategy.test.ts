import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigMapKind } from '../../../../api/core/v1/config-map.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, update } from '../validation/strategy-harness.js';
import { configmapsStrategy } from './strategy.js';

const cm = (fields: Record<string, unknown>): ApiObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cfg', namespace: 'default' },
  ...fields,
});

describe('configmaps strategy', () => {
  const cases: { name: string; input: ApiObject; errors: string[] }[] = [
    { name: 'plain data is valid', input: cm({ data: { 'app.properties': 'a=1' } }), errors: [] },
    {
      name: 'a key in both data and binaryData is rejected',
      input: cm({ data: { k: 'v' }, binaryData: { k: Buffer.from('v').toString('base64') } }),
      errors: ['data[k]: Invalid value: "k": duplicate of key present in binaryData'],
    },
    {
      name: 'a key starting with two dots is rejected',
      input: cm({ data: { '..x': 'v' } }),
      errors: ['data[..x]: Invalid value: "..x": must not start with \'..\''],
    },
  ];
  for (const c of cases)
    test(c.name, () => assert.deepEqual(create(configmapsStrategy, ConfigMapKind, c.input).errors, c.errors));

  test('an immutable config map rejects data changes', () => {
    const old = stored(configmapsStrategy, ConfigMapKind, cm({ immutable: true, data: { a: '1' } }));
    const { errors } = update(configmapsStrategy, ConfigMapKind, cm({ immutable: true, data: { a: '2' } }), old);
    assert.deepEqual(errors, ['data: Forbidden: field is immutable when `immutable` is set']);
  });

  test('a mutable config map may change freely', () => {
    const old = stored(configmapsStrategy, ConfigMapKind, cm({ data: { a: '1' } }));
    assert.deepEqual(
      update(configmapsStrategy, ConfigMapKind, cm({ immutable: true, data: { a: '2' } }), old).errors,
      [],
    );
  });
});
