import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { JsonObject } from '../patch/json-value.js';
import { createdBothWays, type CreateCase, variantOf } from './created-fields-check.js';
import { configMapSchema, deployment, deploymentSchema, serviceSchema } from './test-schemas.js';
import { trackUpdate } from './track-update.js';
import { seededRandom } from '../testing/seeded-random.js';

const DEPLOYMENT: CreateCase = { schema: deploymentSchema, apiVersion: 'apps/v1' };

const fullDeployment = (): JsonObject =>
  deployment(
    {
      replicas: 3,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
      template: {
        metadata: { labels: { app: 'web', tier: 'front' }, annotations: { a: 'b' } },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'nginx:1',
              ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }],
              env: [{ name: 'A', value: '1' }],
            },
            { name: 'side', image: 'busybox', args: ['sleep', '1'] },
          ],
        },
      },
    },
    { labels: { app: 'web' }, finalizers: ['x/y', 'x/z'], ownerReferences: [{ uid: 'u', name: 'o' }] },
  );

describe('the fields a create records, walked directly', () => {
  const cases: { name: string; object: JsonObject; c: CreateCase }[] = [
    { name: 'a deployment with lists keyed by name and by port', object: fullDeployment(), c: DEPLOYMENT },
    {
      name: 'a deployment whose status is reset',
      object: { ...fullDeployment(), status: { replicas: 3 } },
      c: { ...DEPLOYMENT, resetFields: [['status']] },
    },
    {
      name: 'a status write, whose spec is reset',
      object: { ...fullDeployment(), status: { replicas: 3 } },
      c: { ...DEPLOYMENT, resetFields: [['spec']], subresource: 'status' },
    },
    {
      name: 'a service whose ports are keyed by port and protocol',
      object: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 's' },
        spec: {
          selector: { app: 'web' },
          ports: [
            { port: 80, targetPort: 'http' },
            { port: 80, protocol: 'UDP' },
          ],
        },
      },
      c: { schema: serviceSchema, apiVersion: 'v1' },
    },
    {
      name: 'a config map with data',
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { b: '2', a: '1' } },
      c: { schema: configMapSchema, apiVersion: 'v1' },
    },
    {
      name: 'an object with only the fields the server sets owns nothing',
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' } },
      c: { schema: configMapSchema, apiVersion: 'v1' },
    },
    { name: 'an empty object', object: {}, c: { schema: configMapSchema, apiVersion: 'v1' } },
  ];
  for (const { name, object, c } of cases) {
    test(`${name}: the same entries as the general algorithm`, () => {
      const [general, direct] = createdBothWays(object, c);
      assert.equal(direct, general);
    });
  }

  test('an object with only server-set fields gets no managedFields at all', () => {
    const [, direct] = createdBothWays(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
      {
        schema: configMapSchema,
        apiVersion: 'v1',
      },
    );
    assert.equal(direct, '[]');
  });

  test('members are written in the step order, a container marked before what is below it', () => {
    const [entry] = trackUpdate(
      undefined,
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'c', labels: { z: '1', a: '2' } },
        data: { y: '', b: '' },
      },
      { manager: 'm', schema: configMapSchema, apiVersion: 'v1', now: new Date(0), operation: 'Update' },
    );
    assert.equal(
      JSON.stringify(entry?.fieldsV1),
      '{"f:data":{".":{},"f:b":{},"f:y":{}},"f:metadata":{"f:labels":{".":{},"f:a":{},"f:z":{}}}}',
    );
  });

  test('a create whose request carries managedFields starts from them, as before', () => {
    const given = [
      { manager: 'other', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': {} } },
    ];
    const entries = trackUpdate(
      undefined,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', managedFields: given }, data: { a: '1' } },
      { manager: 'm', schema: configMapSchema, apiVersion: 'v1', now: new Date(0), operation: 'Update' },
    );
    assert.deepEqual(
      entries.map((e) => e.manager),
      ['m'],
      'the writer took .data from the manager the request named',
    );
  });

  test('a thousand variants of a deployment record the same entries both ways', () => {
    const next = seededRandom(7);
    const base = { ...fullDeployment(), status: { replicas: 3, conditions: [{ type: 'Available' }] } };
    for (let i = 0; i < 1000; i++) {
      const variant = variantOf(base, next);
      const c = i % 3 === 0 ? DEPLOYMENT : { ...DEPLOYMENT, resetFields: [[i % 3 === 1 ? 'status' : 'spec']] };
      const [general, direct] = createdBothWays(variant, c);
      assert.equal(direct, general, `variant ${i}: ${JSON.stringify(variant)}`);
    }
  });
});
