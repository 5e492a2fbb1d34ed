import assert from 'node:assert/strict';
import type { X509Certificate } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';
import { describe, test } from 'node:test';
import { StatusError } from '../../machinery/status.js';
import { createCertificate } from '../pki/certificate-builder.js';
import { generateKeyPair, type KeyPair } from '../pki/key-pair.js';
import { ExtKeyUsage } from '../pki/x509-extensions.js';
import type { UserInfo } from './authenticator.js';
import { X509Authenticator } from './x509.js';

const t0 = new Date('2026-06-01T00:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const at = (days: number): Date => new Date(t0.getTime() + days * DAY);

interface Ca {
  keys: KeyPair;
  cert: X509Certificate;
}
function makeCa(name: string): Ca {
  const keys = generateKeyPair();
  const cert = createCertificate(
    { commonName: name, publicKey: keys.publicKey, isCa: true, notBefore: at(-1), notAfter: at(3650) },
    { privateKey: keys.privateKey },
  );
  return { keys, cert };
}
function issue(
  ca: Ca,
  leaf: { cn?: string; orgs?: string[]; usages?: ExtKeyUsage[]; from?: number; to?: number } = {},
): PeerCertificate {
  const cert = createCertificate(
    {
      commonName: leaf.cn ?? 'alice',
      organizations: leaf.orgs ?? [],
      publicKey: generateKeyPair().publicKey,
      extKeyUsages: leaf.usages ?? [ExtKeyUsage.ClientAuth],
      notBefore: at(leaf.from ?? -1),
      notAfter: at(leaf.to ?? 365),
    },
    { privateKey: ca.keys.privateKey, certificate: ca.cert },
  );
  return cert.toLegacyObject();
}

const trusted = makeCa('trusted-ca');
const second = makeCa('second-ca');
const stranger = makeCa('stranger-ca');
const both = trusted.cert.toString() + second.cert.toString();

type Outcome = UserInfo | undefined | 'Unauthorized';

describe('X509Authenticator', () => {
  const cases: { name: string; cert: PeerCertificate | undefined; now?: number; caPem?: string; want: Outcome }[] = [
    {
      name: 'a client certificate from the CA names the user by CN and the groups by O',
      cert: issue(trusted, { cn: 'skiff-admin', orgs: ['system:masters'] }),
      want: { name: 'skiff-admin', groups: ['system:masters', 'system:authenticated'] },
    },
    {
      name: 'several O values are several groups',
      cert: issue(trusted, { cn: 'bob', orgs: ['dev', 'ops'] }),
      want: { name: 'bob', groups: ['dev', 'ops', 'system:authenticated'] },
    },
    { name: 'no certificate means no answer', cert: undefined, want: undefined },
    {
      name: 'the empty object Node gives without a certificate means no answer',
      cert: {} as PeerCertificate,
      want: undefined,
    },
    { name: 'a certificate without a common name means no answer', cert: issue(trusted, { cn: '' }), want: undefined },
    { name: 'a certificate from another CA is rejected', cert: issue(stranger), want: 'Unauthorized' },
    {
      name: 'a certificate from any of several CAs is accepted',
      cert: issue(second),
      caPem: both,
      want: { name: 'alice', groups: ['system:authenticated'] },
    },
    { name: 'an expired certificate is rejected', cert: issue(trusted, { to: 10 }), now: 11, want: 'Unauthorized' },
    {
      name: 'a certificate not yet valid is rejected',
      cert: issue(trusted, { from: 5 }),
      now: 1,
      want: 'Unauthorized',
    },
    {
      name: 'a server-only certificate is rejected',
      cert: issue(trusted, { usages: [ExtKeyUsage.ServerAuth] }),
      want: 'Unauthorized',
    },
    {
      name: 'a certificate without extended key usage is accepted',
      cert: issue(trusted, { usages: [] }),
      want: { name: 'alice', groups: ['system:authenticated'] },
    },
    {
      name: 'a certificate whose bytes were tampered with is rejected',
      cert: { ...issue(trusted), raw: tamper(issue(trusted).raw) },
      want: 'Unauthorized',
    },
    {
      name: 'bytes that are no certificate are rejected',
      cert: { raw: Buffer.from('nope') } as PeerCertificate,
      want: 'Unauthorized',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const authn = new X509Authenticator({ caPem: c.caPem ?? trusted.cert.toString(), now: () => at(c.now ?? 0) });
      assert.deepEqual(
        outcome(() => authn.authenticate({ headers: {}, clientCertificate: c.cert })),
        c.want,
      );
    });
  }

  test('a remembered certificate is still checked against the clock', () => {
    let now = at(0);
    const authn = new X509Authenticator({ caPem: trusted.cert.toString(), now: () => now });
    const cert = issue(trusted, { to: 10 });
    assert.equal(outcome(() => authn.authenticate({ headers: {}, clientCertificate: cert })) !== 'Unauthorized', true);
    now = at(11);
    assert.equal(
      outcome(() => authn.authenticate({ headers: {}, clientCertificate: cert })),
      'Unauthorized',
    );
  });

  test('a CA bundle without certificates is refused at construction', () => {
    assert.throws(() => new X509Authenticator({ caPem: '' }), /no CA certificate/);
  });
});

function outcome(run: () => UserInfo | undefined): Outcome {
  try {
    return run();
  } catch (err) {
    assert.ok(err instanceof StatusError, String(err));
    assert.equal(err.code, 401);
    assert.equal(err.status.message, 'Unauthorized');
    return 'Unauthorized';
  }
}

/** Flips a bit inside the signed part (the last bytes of the subject public key), keeping the DER valid. */
function tamper(raw: Buffer): PeerCertificate['raw'] {
  const copy = Buffer.from(raw);
  const at = copy.length - 120;
  copy[at] = copy[at]! ^ 1;
  return copy;
}
