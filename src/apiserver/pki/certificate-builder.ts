import { createHash, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import {
  type Asn1,
  bitString,
  bytesOf,
  childrenOf,
  explicit,
  integerBytes,
  nullValue,
  objectId,
  parseDer,
  sequence,
  set,
  smallInteger,
  time,
  toDer,
  utf8String,
} from './der.js';
import { signatureAlgorithmFor } from './signature-algorithm.js';
import {
  authorityKeyIdentifier,
  basicConstraints,
  type ExtKeyUsage,
  extKeyUsage,
  keyUsage,
  KeyUsageBit,
  readIssuerFields,
  subjectAltName,
  subjectKeyIdentifier,
} from './x509-extensions.js';

/** What a new certificate says. */
export interface CertificateTemplate {
  readonly commonName: string;
  /** Subject O values; Kubernetes reads them as the user's groups. */
  readonly organizations?: readonly string[];
  readonly publicKey: KeyObject;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** A CA certificate (may sign certificates) rather than an end-entity one. */
  readonly isCa?: boolean;
  readonly extKeyUsages?: readonly ExtKeyUsage[];
  /** DNS names and IP literals. */
  readonly subjectAltNames?: readonly string[];
}

/** Who signs: a CA certificate and its key, or just a key for a self-signed certificate. */
export interface CertificateSigner {
  readonly privateKey: KeyObject;
  /** The issuer's certificate; absent for a self-signed certificate (the template's key must match). */
  readonly certificate?: X509Certificate;
}

const OID_COMMON_NAME = '2.5.4.3';
const OID_ORGANIZATION = '2.5.4.10';

/**
 * Builds and signs an X.509 v3 certificate (DER through node-forge's ASN.1 codec, signature by Node's
 * crypto, so any key type Node signs with works, not only RSA).
 * @returns the certificate, parsed back by Node (which also proves it is well-formed).
 * @throws Error for a signer key that cannot sign certificates.
 */
export function createCertificate(template: CertificateTemplate, signer: CertificateSigner): X509Certificate {
  const algorithm = signatureAlgorithmFor(signer.privateKey);
  const algorithmId = sequence([objectId(algorithm.oid), ...(algorithm.nullParameters ? [nullValue()] : [])]);
  const spki = parseDer(template.publicKey.export({ type: 'spki', format: 'der' }));
  const keyId = keyIdentifier(spki);
  const subject = distinguishedName(template.commonName, template.organizations ?? []);
  const issuerFields = signer.certificate === undefined ? undefined : readIssuerFields(signer.certificate.raw);
  const authorityKeyId = issuerFields === undefined ? keyId : issuerFields.keyId;

  const extensions: Asn1[] = [basicConstraints(template.isCa === true)];
  if (template.isCa === true) {
    extensions.push(keyUsage([KeyUsageBit.DigitalSignature, KeyUsageBit.KeyCertSign, KeyUsageBit.CrlSign]));
  } else {
    const rsa = template.publicKey.asymmetricKeyType === 'rsa';
    extensions.push(keyUsage([KeyUsageBit.DigitalSignature, ...(rsa ? [KeyUsageBit.KeyEncipherment] : [])]));
  }
  if (template.extKeyUsages?.length) extensions.push(extKeyUsage(template.extKeyUsages));
  if (template.subjectAltNames?.length) extensions.push(subjectAltName(template.subjectAltNames));
  extensions.push(subjectKeyIdentifier(keyId));
  if (authorityKeyId !== undefined) extensions.push(authorityKeyIdentifier(authorityKeyId));

  const tbs = sequence([
    explicit(0, smallInteger(2)), // v3
    integerBytes(serialNumber()),
    algorithmId,
    issuerFields === undefined ? subject : issuerFields.subject,
    sequence([time(template.notBefore), time(template.notAfter)]),
    subject,
    spki,
    explicit(3, sequence(extensions)),
  ]);
  const tbsDer = toDer(tbs);
  const signature = algorithm.sign(tbsDer);
  return new X509Certificate(toDer(sequence([tbs, algorithmId, bitString(signature)])));
}

/** A Name with one RDN per organization, then the common name (the order kubeadm's certificates use). */
function distinguishedName(commonName: string, organizations: readonly string[]): Asn1 {
  const rdn = (oid: string, value: string): Asn1 => set([sequence([objectId(oid), utf8String(value)])]);
  return sequence([...organizations.map((o) => rdn(OID_ORGANIZATION, o)), rdn(OID_COMMON_NAME, commonName)]);
}

/**
 * A random positive 128-bit serial number. The top bit is cleared (DER INTEGERs are signed; Go rejects
 * negative serials) and the next one set, so the encoding is minimal and always 16 bytes.
 */
function serialNumber(): Buffer {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return bytes;
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING's bits. */
function keyIdentifier(spki: Asn1): Buffer {
  const subjectPublicKey = childrenOf(spki)[1];
  if (subjectPublicKey === undefined) throw new Error('malformed SubjectPublicKeyInfo');
  return createHash('sha1').update(bytesOf(subjectPublicKey).subarray(1)).digest();
}
