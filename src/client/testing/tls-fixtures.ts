/**
 * Throwaway TLS material for tests: a CA, a server certificate for 127.0.0.1 and a client certificate, as PEM.
 * RSA keys come from node's crypto; node-forge signs the certificates.
 */
import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

export interface TlsFixtures {
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
}

interface Issued {
  readonly cert: forge.pki.Certificate;
  readonly key: forge.pki.rsa.PrivateKey;
}

function keyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e) };
}

function issue(
  commonName: string,
  serial: string,
  extensions: object[],
  issuer?: Issued,
  organization?: string,
): Issued {
  const keys = keyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  const subject: forge.pki.CertificateField[] = [{ name: 'commonName', value: commonName }];
  if (organization !== undefined) subject.push({ name: 'organizationName', value: organization });
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);
  cert.setExtensions(extensions);
  cert.sign(issuer?.key ?? keys.privateKey, forge.md.sha256.create());
  return { cert, key: keys.privateKey };
}

/** Makes a fresh CA, a server certificate for 127.0.0.1/localhost and a client certificate (admin). */
export function makeTlsFixtures(): TlsFixtures {
  const ca = issue('skiff-test-ca', '01', [
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true, digitalSignature: true, cRLSign: true },
  ]);
  const server = issue(
    '127.0.0.1',
    '02',
    [
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
    ca,
  );
  const client = issue(
    'admin',
    '03',
    [
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
    ca,
    'system:masters',
  );
  const pem = forge.pki.certificateToPem;
  const keyPem = forge.pki.privateKeyToPem;
  return {
    caCert: pem(ca.cert),
    serverCert: pem(server.cert),
    serverKey: keyPem(server.key),
    clientCert: pem(client.cert),
    clientKey: keyPem(client.key),
  };
}
