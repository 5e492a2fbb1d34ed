import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse } from 'yaml';
import { writeKubeconfig } from './kubeconfig.js';

const scratch = mkdtempSync(join(tmpdir(), 'skiff-kubeconfig-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const options = {
  server: 'https://127.0.0.1:6443',
  caPem: '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n',
  clientCertPem: '-----BEGIN CERTIFICATE-----\nCLIENT\n-----END CERTIFICATE-----\n',
  clientKeyPem: '-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n',
  clusterName: 'skiff',
  userName: 'skiff-admin',
  contextName: 'skiff',
};
const decode = (b64: unknown): string => Buffer.from(String(b64), 'base64').toString('utf8');

describe('writeKubeconfig', () => {
  test('writes a kubeconfig that parses back to one cluster, user and context with embedded credentials', () => {
    const path = join(scratch, 'nested', 'kubeconfig');
    writeKubeconfig(path, options);
    const doc = parse(readFileSync(path, 'utf8'));
    assert.equal(doc.apiVersion, 'v1');
    assert.equal(doc.kind, 'Config');
    assert.equal(doc['current-context'], 'skiff');
    assert.deepEqual(doc.contexts, [{ name: 'skiff', context: { cluster: 'skiff', user: 'skiff-admin' } }]);
    assert.equal(doc.clusters.length, 1);
    assert.equal(doc.clusters[0].name, 'skiff');
    assert.equal(doc.clusters[0].cluster.server, 'https://127.0.0.1:6443');
    assert.equal(decode(doc.clusters[0].cluster['certificate-authority-data']), options.caPem);
    assert.equal(doc.users.length, 1);
    assert.equal(doc.users[0].name, 'skiff-admin');
    assert.equal(decode(doc.users[0].user['client-certificate-data']), options.clientCertPem);
    assert.equal(decode(doc.users[0].user['client-key-data']), options.clientKeyPem);
  });

  test('makes the file owner-only, also when replacing a readable one', () => {
    const path = join(scratch, 'existing');
    writeFileSync(path, 'old', { mode: 0o644 });
    writeKubeconfig(path, options);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.match(readFileSync(path, 'utf8'), /current-context: skiff/);
  });
});
