/** The X.509 v3 extensions Skiff's certificates carry (RFC 5280 §4.2), as DER building blocks. */
import { isIP } from 'node:net';
import forge from 'node-forge';
import {
  type Asn1,
  bitString,
  booleanTrue,
  bytesOf,
  childrenOf,
  implicitBytes,
  isContextTag,
  objectId,
  octetString,
  oidOf,
  parseDer,
  sequence,
  toDer,
} from './der.js';

export const ExtKeyUsage = {
  ServerAuth: '1.3.6.1.5.5.7.3.1',
  ClientAuth: '1.3.6.1.5.5.7.3.2',
} as const;
export type ExtKeyUsage = (typeof ExtKeyUsage)[keyof typeof ExtKeyUsage];

/** keyUsage bits, numbered as RFC 5280 numbers them (bit 0 is the most significant bit of the first byte). */
export const KeyUsageBit = {
  DigitalSignature: 0,
  KeyEncipherment: 2,
  KeyCertSign: 5,
  CrlSign: 6,
} as const;
export type KeyUsageBit = (typeof KeyUsageBit)[keyof typeof KeyUsageBit];

const OID = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
} as const;

/** One Extension: its OID, the critical flag, and the DER of its value wrapped in an OCTET STRING. */
function extension(oid: string, critical: boolean, value: Asn1): Asn1 {
  const fields = [objectId(oid)];
  if (critical) fields.push(booleanTrue());
  fields.push(octetString(toDer(value)));
  return sequence(fields);
}

/** basicConstraints, critical: `cA TRUE` for a CA, an empty sequence for an end entity. */
export const basicConstraints = (isCa: boolean): Asn1 =>
  extension(OID.basicConstraints, true, sequence(isCa ? [booleanTrue()] : []));

/** keyUsage, critical, as a DER BIT STRING (trailing zero bits dropped, as DER requires). */
export function keyUsage(bits: readonly KeyUsageBit[]): Asn1 {
  const highest = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const bit of bits) bytes[bit >> 3]! |= 0x80 >> (bit & 7);
  return extension(OID.keyUsage, true, bitString(bytes, 7 - (highest & 7)));
}

export const extKeyUsage = (usages: readonly ExtKeyUsage[]): Asn1 =>
  extension(OID.extKeyUsage, false, sequence(usages.map(objectId)));

/**
 * subjectAltName with a dNSName for every name and an iPAddress for every IP literal.
 * @throws Error when an entry is empty.
 */
export function subjectAltName(names: readonly string[]): Asn1 {
  const generalNames = names.map((name) => {
    if (name === '') throw new Error('an empty subject alternative name');
    if (isIP(name) === 0) return implicitBytes(2, Buffer.from(name, 'ascii'));
    return implicitBytes(7, ipAddressBytes(name));
  });
  return extension(OID.subjectAltName, false, sequence(generalNames));
}

/** forge has this helper but its type declarations omit it. */
const forgeUtil = forge.util as unknown as { bytesFromIP(ip: string): string | null };

/** The network-order bytes of an IPv4 (4) or IPv6 (16) literal. */
function ipAddressBytes(ip: string): Buffer {
  const bytes = forgeUtil.bytesFromIP(ip);
  if (bytes === null) throw new Error(`invalid IP address ${JSON.stringify(ip)}`);
  return Buffer.from(bytes, 'binary');
}

export const subjectKeyIdentifier = (keyId: Buffer): Asn1 =>
  extension(OID.subjectKeyIdentifier, false, octetString(keyId));

export const authorityKeyIdentifier = (keyId: Buffer): Asn1 =>
  extension(OID.authorityKeyIdentifier, false, sequence([implicitBytes(0, keyId)]));

/** The fields of a parsed certificate's TBSCertificate a signer needs: its subject and its key identifier. */
export interface IssuerFields {
  /** The subject Name, to be copied byte for byte into issued certificates' issuer field. */
  readonly subject: Asn1;
  /** The subjectKeyIdentifier, if the certificate has one. */
  readonly keyId: Buffer | undefined;
}

/**
 * Reads the subject and subjectKeyIdentifier of a DER certificate.
 * @throws Error when the DER is not a certificate.
 */
export function readIssuerFields(certDer: Buffer): IssuerFields {
  const tbs = childrenOf(parseDer(certDer))[0];
  if (tbs === undefined) throw new Error('not an X.509 certificate');
  const fields = childrenOf(tbs);
  const first = isContextTag(fields[0], 0) ? 1 : 0; // version is optional (absent means v1)
  const subject = fields[first + 4];
  if (subject === undefined) throw new Error('not an X.509 certificate');
  const extensions = fields.find((f) => isContextTag(f, 3));
  let keyId: Buffer | undefined;
  for (const ext of extensions === undefined ? [] : childrenOf(childrenOf(extensions)[0] ?? sequence([]))) {
    const parts = childrenOf(ext);
    const value = parts[parts.length - 1];
    if (oidOf(parts[0]) === OID.subjectKeyIdentifier && value !== undefined) {
      keyId = bytesOf(parseDer(bytesOf(value)));
    }
  }
  return { subject, keyId };
}
