import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configMapPrinter, resourceQuotaPrinter, secretPrinter, serviceAccountPrinter } from './config-printers.js';
import { ago, row } from './testing.js';

const metadata = { name: 'shop-config', namespace: 'shop', creationTimestamp: ago(150) };

describe('ConfigMap, Secret and ServiceAccount printers', () => {
  test('a config map counts the keys of data and binaryData', () => {
    const cm = { metadata, data: { 'app.yaml': 'x', LOG_LEVEL: 'debug' }, binaryData: { 'logo.png': 'iVBORw0=' } };
    assert.deepEqual(row(configMapPrinter, cm), { Name: 'shop-config', Data: 3, Age: '2m30s' });
  });

  test('a secret prints its type and counts data keys only', () => {
    const secret = {
      metadata,
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': 'LS0=', 'tls.key': 'LS0=' },
      stringData: { extra: 'x' },
    };
    assert.deepEqual(row(secretPrinter, secret), {
      Name: 'shop-config',
      Type: 'kubernetes.io/tls',
      Data: 2,
      Age: '2m30s',
    });
  });

  test('a secret without a type reads as Opaque', () => {
    assert.equal(row(secretPrinter, { metadata }).Type, 'Opaque');
  });

  test('a service account counts its secrets', () => {
    assert.deepEqual(row(serviceAccountPrinter, { metadata: { ...metadata, name: 'default' } }), {
      Name: 'default',
      Secrets: 0,
      Age: '2m30s',
    });
    assert.equal(row(serviceAccountPrinter, { metadata, secrets: [{ name: 'default-token' }] }).Secrets, 1);
  });
});

describe('ResourceQuota printer', () => {
  test('requests and limits are split, sorted by resource, with usage out of the hard limit', () => {
    const quota = {
      metadata: { name: 'compute', creationTimestamp: ago(150) },
      spec: { hard: { pods: '10', 'requests.cpu': '4', 'limits.memory': '8Gi', 'limits.cpu': '8' } },
      status: {
        hard: { pods: '10', 'requests.cpu': '4', 'limits.memory': '8Gi', 'limits.cpu': '8' },
        used: { pods: '3', 'requests.cpu': '500m', 'limits.cpu': '1' },
      },
    };
    assert.deepEqual(row(resourceQuotaPrinter, quota), {
      Name: 'compute',
      Request: 'pods: 3/10, requests.cpu: 500m/4',
      Limit: 'limits.cpu: 1/8, limits.memory: 0/8Gi',
      Age: '2m30s',
    });
  });

  test('a quota whose status is not yet computed prints empty columns', () => {
    const r = row(resourceQuotaPrinter, { metadata: { name: 'compute' }, spec: { hard: { pods: '10' } } });
    assert.deepEqual([r.Request, r.Limit], ['', '']);
  });
});
