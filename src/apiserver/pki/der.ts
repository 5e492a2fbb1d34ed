/**
 * Small DER building blocks over node-forge's ASN.1 codec. forge represents bytes as binary strings
 * (one char per byte); these helpers take and give Buffers so the rest of the PKI code never sees that.
 */
import forge from 'node-forge';

const { asn1 } = forge;
const UNIVERSAL = asn1.Class.UNIVERSAL;
const CONTEXT = asn1.Class.CONTEXT_SPECIFIC;

export type Asn1 = forge.asn1.Asn1;

const binary = (bytes: Buffer): string => bytes.toString('binary');

export const sequence = (items: Asn1[]): Asn1 => asn1.create(UNIVERSAL, asn1.Type.SEQUENCE, true, items);
export const set = (items: Asn1[]): Asn1 => asn1.create(UNIVERSAL, asn1.Type.SET, true, items);
export const objectId = (oid: string): Asn1 =>
  asn1.create(UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(oid).getBytes());
export const nullValue = (): Asn1 => asn1.create(UNIVERSAL, asn1.Type.NULL, false, '');
export const booleanTrue = (): Asn1 => asn1.create(UNIVERSAL, asn1.Type.BOOLEAN, false, '\xff');
export const octetString = (bytes: Buffer): Asn1 => asn1.create(UNIVERSAL, asn1.Type.OCTETSTRING, false, binary(bytes));
export const utf8String = (text: string): Asn1 =>
  asn1.create(UNIVERSAL, asn1.Type.UTF8, false, binary(Buffer.from(text, 'utf8')));

/** A BIT STRING whose last `unusedBits` bits are padding. */
export const bitString = (bytes: Buffer, unusedBits = 0): Asn1 =>
  asn1.create(UNIVERSAL, asn1.Type.BITSTRING, false, String.fromCharCode(unusedBits) + binary(bytes));

/** An INTEGER from its big-endian two's-complement bytes (the caller keeps them minimal and positive). */
export const integerBytes = (bytes: Buffer): Asn1 => asn1.create(UNIVERSAL, asn1.Type.INTEGER, false, binary(bytes));
export const smallInteger = (value: number): Asn1 =>
  asn1.create(UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(value).getBytes());

/** A Time as RFC 5280 §4.1.2.5 wants it: UTCTime through 2049, GeneralizedTime from 2050. */
export function time(date: Date): Asn1 {
  return date.getUTCFullYear() < 2050
    ? asn1.create(UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(date))
    : asn1.create(UNIVERSAL, asn1.Type.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(date));
}

/** `[tag] EXPLICIT` around one value. */
export const explicit = (tag: number, value: Asn1): Asn1 => asn1.create(CONTEXT, tag, true, [value]);
/** `[tag] IMPLICIT` primitive bytes (GeneralName choices, keyIdentifier). */
export const implicitBytes = (tag: number, bytes: Buffer): Asn1 => asn1.create(CONTEXT, tag, false, binary(bytes));

export const toDer = (node: Asn1): Buffer => Buffer.from(asn1.toDer(node).getBytes(), 'binary');

type FromDer = (bytes: string, options: { strict: boolean; decodeBitStrings: boolean }) => Asn1;

/**
 * Parses DER, keeping BIT STRING contents as bytes so that re-encoding gives back the same bytes.
 * @throws Error on malformed input or trailing bytes.
 */
export const parseDer = (der: Buffer): Asn1 =>
  (asn1.fromDer as unknown as FromDer)(binary(der), { strict: true, decodeBitStrings: false });

/** The children of a constructed value ([] for a primitive one). */
export const childrenOf = (node: Asn1): Asn1[] => (Array.isArray(node.value) ? node.value : []);

/** The content bytes of a primitive value. @throws Error for a constructed value. */
export function bytesOf(node: Asn1): Buffer {
  if (typeof node.value !== 'string') throw new Error('expected a primitive ASN.1 value');
  return Buffer.from(node.value, 'binary');
}

/** The dotted OID of an OBJECT IDENTIFIER value, or undefined for anything else. */
export const oidOf = (node: Asn1 | undefined): string | undefined =>
  node !== undefined && node.tagClass === UNIVERSAL && node.type === asn1.Type.OID && typeof node.value === 'string'
    ? asn1.derToOid(node.value)
    : undefined;

export const isContextTag = (node: Asn1 | undefined, tag: number): boolean =>
  node !== undefined && node.tagClass === CONTEXT && node.type === tag;
