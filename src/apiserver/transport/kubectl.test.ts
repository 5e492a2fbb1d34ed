/**
 * End to end: the real kubectl against the HTTPS server, with the PKI and kubeconfig Skiff writes.
 * Runs every kubectl found among /usr/bin/kubectl (1.32) and the 1.27 / 1.33 builds beside it.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { TokenFileAuthenticator } from '../authn/token-file.js';
import { UnionAuthenticator } from '../authn/union.js';
import { X509Authenticator } from '../authn/x509.js';
import { ensurePki } from '../pki/ensure-pki.js';
import { writeKubeconfig } from '../pki/kubeconfig.js';
import { writePrivateFile } from '../pki/private-files.js';
import { versionInfo } from '../version.js';
import { type HttpsServer, startHttpsServer } from './https-server.js';
import { apiVersions, tinyApi } from './tiny-api.fixture.js';

const run = promisify(execFile);
const KUBECTLS = [
  '/usr/bin/kubectl',
  '/usr/lib/google-cloud-sdk/bin/kubectl.1.27',
  '/usr/lib/google-cloud-sdk/bin/kubectl.1.33',
].filter((path) => existsSync(path));

describe('kubectl against the HTTPS server', { skip: KUBECTLS.length === 0 && 'no kubectl on this machine' }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'skiff-kubectl-'));
  const kubeconfig = join(dataDir, 'kubeconfig');
  const badKubeconfig = join(dataDir, 'kubeconfig-bad-token');
  const pki = ensurePki(dataDir, { hosts: [] });
  const authenticator = new UnionAuthenticator([
    new X509Authenticator({ caPem: pki.ca.certPem }),
    new TokenFileAuthenticator(new Map([['good-token', { name: 'bob', groups: [] }]])),
  ]);
  let address = '';
  const api = tinyApi(authenticator, () => address);
  let server: HttpsServer;

  before(async () => {
    server = await startHttpsServer({ host: '127.0.0.1', port: 0, pki, handler: api.handler });
    address = `127.0.0.1:${server.port}`;
    writeKubeconfig(kubeconfig, {
      server: server.url,
      caPem: pki.ca.certPem,
      clientCertPem: pki.admin.certPem,
      clientKeyPem: pki.admin.keyPem,
      clusterName: 'skiff',
      userName: 'skiff-admin',
      contextName: 'skiff',
    });
    const b64 = Buffer.from(pki.ca.certPem).toString('base64');
    writePrivateFile(
      badKubeconfig,
      `apiVersion: v1\nkind: Config\nclusters:\n- name: skiff\n  cluster:\n    server: ${server.url}\n` +
        `    certificate-authority-data: ${b64}\nusers:\n- name: intruder\n  user:\n    token: wrong-token\n` +
        `contexts:\n- name: skiff\n  context:\n    cluster: skiff\n    user: intruder\ncurrent-context: skiff\n`,
    );
  });
  after(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const kubectl = (binary: string, ...args: string[]) =>
    run(binary, args, { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dataDir }, timeout: 30_000 });

  for (const binary of KUBECTLS) {
    test(`${binary} version -o json reports the server's version`, async () => {
      const { stdout } = await kubectl(binary, '--kubeconfig', kubeconfig, 'version', '-o', 'json');
      const out = JSON.parse(stdout);
      assert.deepEqual(out.serverVersion, versionInfo());
      assert.equal(out.clientVersion.major, '1');
    });

    test(`${binary} get --raw /api answers the API versions, over HTTP/2, as skiff-admin`, async () => {
      const before = api.seen.length;
      const { stdout } = await kubectl(binary, '--kubeconfig', kubeconfig, 'get', '--raw', '/api');
      assert.deepEqual(JSON.parse(stdout), apiVersions(address));
      const served = api.seen.slice(before).filter((s) => s.path === '/api');
      assert.deepEqual(served, [{ path: '/api', httpVersion: '2.0', user: 'skiff-admin' }]);
    });

    test(`${binary} with an unknown token is told it is Unauthorized`, async () => {
      await assert.rejects(
        kubectl(binary, '--kubeconfig', badKubeconfig, 'get', '--raw', '/api'),
        (err: { code?: number; stderr?: string }) => err.code === 1 && /Unauthorized/.test(err.stderr ?? ''),
      );
    });
  }
});
