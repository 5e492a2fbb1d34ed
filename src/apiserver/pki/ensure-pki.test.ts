import assert from 'node:assert/strict';
import { sign, verify, X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ensurePki, PkiPart } from './ensure-pki.js';
import { PkiFile } from './pki-files.js';
import { PkiError } from './pki-error.js';
import { DEFAULT_SERVING_NAMES } from './serving-names.js';

const scratch = mkdtempSync(join(tmpdir(), 'skiff-pki-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;
const freshDir = (): string => join(scratch, String(counter++));
const DAY = 24 * 60 * 60 * 1000;
const ALL_FILES = Object.values(PkiFile);
const read = (dir: string, file: PkiFile): string => readFileSync(join(dir, 'pki', file), 'utf8');
const years = (cert: X509Certificate): number =>
  (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / (365.25 * DAY);

describe('ensurePki on first start', () => {
  const dataDir = freshDir();
  const started = performance.now();
  const pki = ensurePki(dataDir, { hosts: ['api.example.test', '192.0.2.10', 'fd00::10'], hostname: 'node-1' });
  const elapsed = performance.now() - started;

  test('generates every part, well under a second', () => {
    assert.deepEqual([...pki.generated].sort(), Object.values(PkiPart).sort());
    assert.ok(elapsed < 1000, `first start took ${elapsed.toFixed(0)} ms`);
  });

  test('writes the files owner-only in an owner-only folder', () => {
    assert.equal(statSync(join(dataDir, 'pki')).mode & 0o777, 0o700);
    for (const file of ALL_FILES) assert.equal(statSync(join(dataDir, 'pki', file)).mode & 0o777, 0o600, file);
  });

  test('the CA is self-signed, a CA, named skiff-ca and valid for ten years', () => {
    const ca = pki.ca.certificate;
    assert.equal(ca.subject, 'CN=skiff-ca');
    assert.equal(ca.issuer, 'CN=skiff-ca');
    assert.ok(ca.ca);
    assert.ok(ca.verify(ca.publicKey));
    assert.ok(Math.abs(years(ca) - 10) < 0.01, `CA validity ${years(ca)} years`);
  });

  test('the serving certificate covers loopback, kubernetes.*, the hostname and the requested hosts', () => {
    const cert = pki.serving.certificate;
    for (const name of [...DEFAULT_SERVING_NAMES, 'node-1', 'api.example.test', '192.0.2.10', 'fd00::10']) {
      const covered = /^[\d.]+$|:/.test(name) ? cert.checkIP(name) : cert.checkHost(name, { subject: 'never' });
      assert.ok(covered !== undefined, `${name} not in ${cert.subjectAltName}`);
    }
    assert.equal(cert.checkHost('other.example.test', { subject: 'never' }), undefined);
    assert.deepEqual(cert.keyUsage, ['1.3.6.1.5.5.7.3.1']);
    assert.ok(!cert.ca);
  });

  test('the serving and admin certificates verify against the CA and match their keys', () => {
    for (const leaf of [pki.serving, pki.admin]) {
      assert.ok(leaf.certificate.checkIssued(pki.ca.certificate));
      assert.ok(leaf.certificate.verify(pki.ca.certificate.publicKey));
      assert.ok(leaf.certificate.checkPrivateKey(leaf.privateKey));
    }
  });

  test('the admin certificate is skiff-admin in system:masters, for client authentication', () => {
    assert.equal(pki.admin.certificate.subject, 'O=system:masters\nCN=skiff-admin');
    assert.deepEqual(pki.admin.certificate.keyUsage, ['1.3.6.1.5.5.7.3.2']);
  });

  test('the service-account key pair is a matching pair on disk', () => {
    assert.equal(read(dataDir, PkiFile.ServiceAccountKey), pki.serviceAccount.privateKeyPem);
    assert.equal(read(dataDir, PkiFile.ServiceAccountPublicKey), pki.serviceAccount.publicKeyPem);
    const data = Buffer.from('a token payload');
    const signature = sign('sha256', data, pki.serviceAccount.privateKey);
    assert.ok(verify('sha256', data, pki.serviceAccount.publicKey, signature));
  });
});

describe('ensurePki on later starts', () => {
  const cases: {
    name: string;
    change?: (dir: string) => void;
    hosts?: string[];
    laterDays?: number;
    regenerated: PkiPart[];
  }[] = [
    { name: 'reuses everything when nothing changed', regenerated: [] },
    {
      name: 'reissues only the serving certificate when a new host is requested',
      hosts: ['new.example.test'],
      regenerated: [PkiPart.Serving],
    },
    {
      name: 'reissues the leaf certificates when they expire within 30 days',
      laterDays: 340,
      regenerated: [PkiPart.Serving, PkiPart.Admin],
    },
    { name: 'keeps the leaf certificates that have more than 30 days left', laterDays: 300, regenerated: [] },
    {
      name: 'reissues a leaf certificate whose key file is missing',
      change: (dir) => rmSync(join(dir, 'pki', PkiFile.AdminKey)),
      regenerated: [PkiPart.Admin],
    },
    {
      name: 'rewrites sa.pub from sa.key when it is missing',
      change: (dir) => rmSync(join(dir, 'pki', PkiFile.ServiceAccountPublicKey)),
      regenerated: [],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const dataDir = freshDir();
      const t0 = new Date('2026-01-01T00:00:00Z');
      const first = ensurePki(dataDir, { hosts: ['a.example.test'], hostname: 'h', now: () => t0 });
      c.change?.(dataDir);
      const now = new Date(t0.getTime() + (c.laterDays ?? 0) * DAY);
      const second = ensurePki(dataDir, {
        hosts: ['a.example.test', ...(c.hosts ?? [])],
        hostname: 'h',
        now: () => now,
      });
      assert.deepEqual(second.generated, c.regenerated);
      assert.equal(second.ca.certPem, first.ca.certPem, 'the CA is never regenerated');
      assert.equal(second.ca.keyPem, first.ca.keyPem);
      assert.equal(second.serviceAccount.privateKeyPem, first.serviceAccount.privateKeyPem);
      assert.equal(read(dataDir, PkiFile.ServiceAccountPublicKey), first.serviceAccount.publicKeyPem);
      for (const [part, leaf] of [
        [PkiPart.Serving, 'serving'],
        [PkiPart.Admin, 'admin'],
      ] as const) {
        assert.equal(second[leaf].certPem === first[leaf].certPem, !c.regenerated.includes(part), leaf);
        assert.equal(read(dataDir, leaf === 'serving' ? PkiFile.ServingCert : PkiFile.AdminCert), second[leaf].certPem);
      }
    });
  }

  test('reissues the leaf certificates when the CA was replaced', () => {
    const dataDir = freshDir();
    const first = ensurePki(dataDir, { hosts: [] });
    rmSync(join(dataDir, 'pki', PkiFile.CaCert));
    rmSync(join(dataDir, 'pki', PkiFile.CaKey));
    const second = ensurePki(dataDir, { hosts: [] });
    assert.deepEqual(second.generated, [PkiPart.Ca, PkiPart.Serving, PkiPart.Admin]);
    assert.notEqual(second.ca.certPem, first.ca.certPem);
    assert.ok(second.admin.certificate.verify(second.ca.certificate.publicKey));
  });
});

describe('ensurePki refuses unusable files', () => {
  const other = ensurePki(freshDir(), { hosts: [] });
  const cases: { name: string; change: (pkiDir: string) => void; file: PkiFile; message: RegExp }[] = [
    {
      name: 'a corrupt CA certificate',
      file: PkiFile.CaCert,
      change: (d) => writeFileSync(join(d, PkiFile.CaCert), 'garbage'),
      message: /ca\.crt is not a valid PEM certificate .*never replaces a CA/,
    },
    {
      name: 'a corrupt CA key',
      file: PkiFile.CaKey,
      change: (d) =>
        writeFileSync(join(d, PkiFile.CaKey), '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n'),
      message: /ca\.key is not a valid PEM private key/,
    },
    {
      name: 'a CA certificate without its key',
      file: PkiFile.CaCert,
      change: (d) => rmSync(join(d, PkiFile.CaKey)),
      message: /ca\.crt exists but ca\.key does not/,
    },
    {
      name: 'a CA key without its certificate',
      file: PkiFile.CaKey,
      change: (d) => rmSync(join(d, PkiFile.CaCert)),
      message: /ca\.key exists but ca\.crt does not/,
    },
    {
      name: "a CA key that is not the certificate's",
      file: PkiFile.CaKey,
      change: (d) => writeFileSync(join(d, PkiFile.CaKey), other.ca.keyPem),
      message: /ca\.key is not the key of .*ca\.crt/,
    },
    {
      name: 'a CA certificate that is not a CA',
      file: PkiFile.CaCert,
      change: (d) => {
        writeFileSync(join(d, PkiFile.CaCert), other.admin.certPem);
        writeFileSync(join(d, PkiFile.CaKey), other.admin.keyPem);
      },
      message: /ca\.crt is not a CA certificate/,
    },
    {
      name: 'an unreadable CA certificate',
      file: PkiFile.CaCert,
      change: (d) => {
        rmSync(join(d, PkiFile.CaCert));
        mkdirSync(join(d, PkiFile.CaCert));
      },
      message: /cannot read .*ca\.crt/,
    },
    {
      name: 'a corrupt serving certificate',
      file: PkiFile.ServingCert,
      change: (d) => writeFileSync(join(d, PkiFile.ServingCert), 'x'),
      message: /apiserver\.crt is not a valid PEM certificate .*remove apiserver\.crt and apiserver\.key/,
    },
    {
      name: 'an sa.pub that does not match sa.key',
      file: PkiFile.ServiceAccountPublicKey,
      change: (d) => writeFileSync(join(d, PkiFile.ServiceAccountPublicKey), other.serviceAccount.publicKeyPem),
      message: /sa\.pub is not the public half of .*sa\.key/,
    },
    {
      name: 'an sa.pub without sa.key',
      file: PkiFile.ServiceAccountPublicKey,
      change: (d) => rmSync(join(d, PkiFile.ServiceAccountKey)),
      message: /sa\.pub exists but sa\.key does not/,
    },
  ];
  for (const c of cases) {
    test(`${c.name} is an error naming the file, and nothing is overwritten`, () => {
      const dataDir = freshDir();
      ensurePki(dataDir, { hosts: [] });
      const pkiDir = join(dataDir, 'pki');
      c.change(pkiDir);
      const before = snapshot(pkiDir);
      assert.throws(
        () => ensurePki(dataDir, { hosts: [] }),
        (err: unknown) => err instanceof PkiError && err.path === join(pkiDir, c.file) && c.message.test(err.message),
      );
      assert.deepEqual(snapshot(pkiDir), before);
    });
  }

  test('a PKI folder that cannot be created is an error', () => {
    const dataDir = freshDir();
    writeFileSync(dataDir, 'a file where the data folder should be');
    assert.throws(() => ensurePki(dataDir, { hosts: [] }), /ENOTDIR|EEXIST/);
  });
});

/** Every file's content (or 'dir'), to prove a failed start changed nothing. */
function snapshot(pkiDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of ALL_FILES) {
    try {
      out[file] = statSync(join(pkiDir, file)).isDirectory() ? 'dir' : readFileSync(join(pkiDir, file), 'utf8');
    } catch {
      out[file] = 'missing';
    }
  }
  return out;
}
