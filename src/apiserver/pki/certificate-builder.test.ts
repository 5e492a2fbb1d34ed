import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject, X509Certificate } from 'node:crypto';
import { describe, test } from 'node:test';
import { createCertificate } from './certificate-builder.js';
import { generateKeyPair } from './key-pair.js';
import { ExtKeyUsage, readIssuerFields } from './x509-extensions.js';

const now = new Date('2026-06-01T00:00:00Z');
const inYears = (n: number): Date => new Date(Date.UTC(now.getUTCFullYear() + n, 5, 1));

function selfSignedCa(privateKey: KeyObject, publicKey: KeyObject): X509Certificate {
  return createCertificate(
    { commonName: 'test-ca', publicKey, isCa: true, notBefore: now, notAfter: inYears(10) },
    { privateKey },
  );
}

describe('createCertificate', () => {
  const caKeys: { name: string; keys: { privateKey: KeyObject; publicKey: KeyObject } }[] = [
    { name: 'an ECDSA P-256 CA', keys: generateKeyPair() },
    { name: 'an ECDSA P-384 CA', keys: generateKeyPairSync('ec', { namedCurve: 'secp384r1' }) },
    { name: 'an RSA CA (as kubeadm makes them)', keys: generateKeyPairSync('rsa', { modulusLength: 2048 }) },
    { name: 'an Ed25519 CA', keys: generateKeyPairSync('ed25519') },
  ];
  for (const { name, keys } of caKeys) {
    test(`${name} signs a self-signed CA and a leaf that verify`, () => {
      const ca = selfSignedCa(keys.privateKey, keys.publicKey);
      assert.ok(ca.ca);
      assert.ok(ca.verify(keys.publicKey));
      const leafKeys = generateKeyPair();
      const leaf = createCertificate(
        { commonName: 'leaf', publicKey: leafKeys.publicKey, notBefore: now, notAfter: inYears(1) },
        { privateKey: keys.privateKey, certificate: ca },
      );
      assert.ok(leaf.checkIssued(ca));
      assert.ok(leaf.verify(ca.publicKey));
      assert.ok(!leaf.verify(leafKeys.publicKey));
      assert.equal(leaf.issuer, 'CN=test-ca');
    });
  }

  test('a leaf carries the subject, key usages and alternative names it was given', () => {
    const ca = generateKeyPair();
    const caCert = selfSignedCa(ca.privateKey, ca.publicKey);
    const leaf = createCertificate(
      {
        commonName: 'alice',
        organizations: ['dev', 'system:masters'],
        publicKey: generateKeyPair().publicKey,
        extKeyUsages: [ExtKeyUsage.ServerAuth, ExtKeyUsage.ClientAuth],
        subjectAltNames: ['svc.example.test', '10.0.0.1', '::1'],
        notBefore: now,
        notAfter: inYears(1),
      },
      { privateKey: ca.privateKey, certificate: caCert },
    );
    assert.equal(leaf.subject, 'O=dev\nO=system:masters\nCN=alice');
    assert.deepEqual(leaf.keyUsage, [ExtKeyUsage.ServerAuth, ExtKeyUsage.ClientAuth]);
    assert.equal(leaf.checkHost('svc.example.test', { subject: 'never' }), 'svc.example.test');
    assert.equal(leaf.checkIP('10.0.0.1'), '10.0.0.1');
    assert.ok(leaf.checkIP('0:0:0:0:0:0:0:1') !== undefined);
    assert.equal(leaf.checkIP('10.0.0.2'), undefined);
    assert.ok(!leaf.ca);
  });

  test('serial numbers are positive, 16 bytes long and different each time', () => {
    const { privateKey, publicKey } = generateKeyPair();
    const serials = Array.from({ length: 50 }, () => selfSignedCa(privateKey, publicKey).serialNumber);
    assert.equal(new Set(serials).size, serials.length);
    for (const serial of serials) {
      assert.equal(serial.length, 32, serial);
      assert.match(serial, /^[4-7]/, 'the top bit is clear (positive) and the next one set (minimal encoding)');
    }
  });

  test('validity dates survive the round trip, before and after 2050', () => {
    const { privateKey, publicKey } = generateKeyPair();
    const late = new Date('2061-03-04T05:06:07Z');
    const cert = createCertificate(
      { commonName: 'x', publicKey, isCa: true, notBefore: new Date('2026-01-02T03:04:05Z'), notAfter: late },
      { privateKey },
    );
    assert.equal(Date.parse(cert.validFrom), Date.parse('2026-01-02T03:04:05Z'));
    assert.equal(Date.parse(cert.validTo), late.getTime());
  });

  test("the authority key identifier of a leaf is the CA's subject key identifier", () => {
    const ca = generateKeyPair();
    const caCert = selfSignedCa(ca.privateKey, ca.publicKey);
    const leaf = createCertificate(
      { commonName: 'leaf', publicKey: generateKeyPair().publicKey, notBefore: now, notAfter: inYears(1) },
      { privateKey: ca.privateKey, certificate: caCert },
    );
    const caKeyId = readIssuerFields(caCert.raw).keyId;
    assert.ok(caKeyId !== undefined && caKeyId.length === 20);
    assert.ok(leaf.raw.includes(caKeyId), 'the leaf names its issuer key');
    assert.notDeepEqual(readIssuerFields(leaf.raw).keyId, caKeyId);
  });
});
