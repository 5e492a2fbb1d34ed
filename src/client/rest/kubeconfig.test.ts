import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { stringify } from 'yaml';
import { KubeconfigError, loadKubeconfig, parseKubeconfig } from './kubeconfig.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

function doc(overrides: { cluster?: object; user?: object; context?: object; current?: string } = {}): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: 'other', cluster: { server: 'https://other:6443' } },
      { name: 'c', cluster: { server: 'https://127.0.0.1:6443', ...overrides.cluster } },
    ],
    users: [{ name: 'u', user: { ...overrides.user } }],
    contexts: [
      { name: 'ctx', context: { cluster: 'c', user: 'u', ...overrides.context } },
      { name: 'elsewhere', context: { cluster: 'other', user: 'u' } },
    ],
    'current-context': overrides.current ?? 'ctx',
  });
}

describe('parseKubeconfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'skiff-kubeconfig-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'ca.crt'), 'CA-FROM-FILE');
  writeFileSync(join(dir, 'client.crt'), 'CERT-FROM-FILE');
  writeFileSync(join(dir, 'client.key'), 'KEY-FROM-FILE');
  writeFileSync(join(dir, 'token'), 'file-token\n');

  const cases: { name: string; text: string; context?: string; want: object }[] = [
    {
      name: 'inline data fields are base64-decoded',
      text: doc({
        cluster: { 'certificate-authority-data': b64('CA') },
        user: { 'client-certificate-data': b64('CERT'), 'client-key-data': b64('KEY') },
      }),
      want: { server: 'https://127.0.0.1:6443', ca: 'CA', cert: 'CERT', key: 'KEY' },
    },
    {
      name: 'file fields are read relative to the kubeconfig folder',
      text: doc({
        cluster: { 'certificate-authority': 'ca.crt' },
        user: { 'client-certificate': 'client.crt', 'client-key': join(dir, 'client.key') },
      }),
      want: { server: 'https://127.0.0.1:6443', ca: 'CA-FROM-FILE', cert: 'CERT-FROM-FILE', key: 'KEY-FROM-FILE' },
    },
    {
      name: 'a token, the skip-verify flag, the server name and the namespace are kept',
      text: doc({
        cluster: { 'insecure-skip-tls-verify': true, 'tls-server-name': 'kubernetes' },
        user: { token: 'abc' },
        context: { namespace: 'team-a' },
      }),
      want: {
        server: 'https://127.0.0.1:6443',
        insecureSkipTLSVerify: true,
        tlsServerName: 'kubernetes',
        token: 'abc',
        namespace: 'team-a',
      },
    },
    {
      name: 'a token file is read and trimmed',
      text: doc({ user: { tokenFile: 'token' } }),
      want: { server: 'https://127.0.0.1:6443', token: 'file-token' },
    },
    {
      name: 'a named context overrides current-context',
      text: doc(),
      context: 'elsewhere',
      want: { server: 'https://other:6443' },
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const options = c.context === undefined ? {} : { context: c.context };
      assert.deepEqual(parseKubeconfig(c.text, dir, options), c.want);
    });
  }

  const failures: { name: string; text: string; message: RegExp }[] = [
    { name: 'an empty file is no configuration', text: '', message: /no configuration has been provided/ },
    {
      name: 'an unknown current context is named',
      text: doc({ current: 'nope' }),
      message: /context was not found for specified context: nope/,
    },
    {
      name: 'a cluster without a server is refused',
      text: doc({ cluster: { server: '' } }),
      message: /cluster has no server defined/,
    },
    {
      name: 'a certificate without its key is refused',
      text: doc({ user: { 'client-certificate-data': b64('CERT') } }),
      message: /not both/,
    },
    {
      name: 'a missing file is named',
      text: doc({ cluster: { 'certificate-authority': 'missing.crt' } }),
      message: /unable to read certificate-authority .*missing\.crt/,
    },
  ];
  for (const c of failures) {
    test(c.name, () => {
      assert.throws(
        () => parseKubeconfig(c.text, dir),
        (err: unknown) => err instanceof KubeconfigError && c.message.test(err.message),
      );
    });
  }

  test('loadKubeconfig reads the file and resolves paths beside it', () => {
    const path = join(dir, 'config');
    writeFileSync(path, doc({ cluster: { 'certificate-authority': 'ca.crt' } }));
    assert.equal(loadKubeconfig(path).ca, 'CA-FROM-FILE');
  });

  test('loadKubeconfig names a file it cannot read', () => {
    assert.throws(() => loadKubeconfig(join(dir, 'absent')), /unable to read kubeconfig/);
  });
});
