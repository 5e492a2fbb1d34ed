/**
 * IP address and CIDR checks as upstream makes them ("sloppy" parsing: IPv4 octets may carry leading
 * zeros), with upstream's messages.
 */
import { isIPv6 as nodeIsIPv6 } from 'node:net';
import { type FieldError, type FieldPath, invalid } from '../../../../machinery/field-errors.js';

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The four octets of an IPv4 address, or undefined. */
function ipv4Octets(value: string): number[] | undefined {
  const m = IPV4.exec(value);
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
}

export const isIPv4 = (value: string): boolean => ipv4Octets(value) !== undefined;

/** IPv6, including IPv4-mapped forms such as `::ffff:1.2.3.4`. */
export const isIPv6 = (value: string): boolean => !value.includes('%') && nodeIsIPv6(value);

export const isIP = (value: string): boolean => isIPv4(value) || isIPv6(value);

/** `must be a valid IP address, …` unless `value` is an IPv4 or IPv6 address. */
export function isValidIP(path: FieldPath | string, value: string): FieldError[] {
  return isIP(value) ? [] : [invalid(path, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

/** An IPv4 or IPv6 address, `/` and a prefix length that fits it. */
export function isCIDR(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash < 0) return false;
  const ip = value.slice(0, slash);
  const bits = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  if (isIPv4(ip)) return Number(bits) <= 32;
  return isIPv6(ip) && Number(bits) <= 128;
}

/** `must be a valid CIDR value, …` unless `value` is a CIDR. */
export function isValidCIDR(path: FieldPath | string, value: string): FieldError[] {
  return isCIDR(value) ? [] : [invalid(path, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

/** The IPv4 octets an IPv6 address maps (`::ffff:a.b.c.d`), or undefined. */
function mappedIPv4(value: string): number[] | undefined {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  return m?.[1] === undefined ? undefined : ipv4Octets(m[1]);
}

/** The 16 bytes of an IPv6 address (which must be valid). */
function ipv6Bytes(value: string): number[] {
  let text = value;
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1] !== undefined) {
    tail.push(...(ipv4Octets(dotted[1]) ?? [0, 0, 0, 0]));
    text = text.slice(0, -dotted[1].length) + '0:0';
  }
  const [head = '', rest] = text.split('::');
  const groups = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = rest === undefined ? [] : groups(rest);
  const words = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

interface SpecialRanges {
  readonly unspecified: boolean;
  readonly loopback: boolean;
  readonly linkLocal: boolean;
  readonly linkLocalMulticast: boolean;
}

const v4Ranges = (o: number[]): SpecialRanges => ({
  unspecified: o.every((x) => x === 0),
  loopback: o[0] === 127,
  linkLocal: o[0] === 169 && o[1] === 254,
  linkLocalMulticast: o[0] === 224 && o[1] === 0 && o[2] === 0,
});

const v6Ranges = (b: number[]): SpecialRanges => ({
  unspecified: b.every((x) => x === 0),
  loopback: b.slice(0, 15).every((x) => x === 0) && b[15] === 1,
  linkLocal: b[0] === 0xfe && ((b[1] ?? 0) & 0xc0) === 0x80,
  linkLocalMulticast: b[0] === 0xff && ((b[1] ?? 0) & 0x0f) === 0x02,
});

function specialRanges(value: string): SpecialRanges | undefined {
  const v4 = ipv4Octets(value);
  if (v4) return v4Ranges(v4);
  if (!isIPv6(value)) return undefined;
  const mapped = mappedIPv4(value);
  return mapped ? v4Ranges(mapped) : v6Ranges(ipv6Bytes(value));
}

/**
 * Rejects addresses that make no sense as endpoints or external IPs: unspecified, loopback, link-local
 * unicast and link-local multicast (upstream's ValidateNonSpecialIP).
 */
export function validateNonSpecialIP(value: string, path: FieldPath | string): FieldError[] {
  const ranges = specialRanges(value);
  if (ranges === undefined) return [invalid(path, value, 'must be a valid IP address')];
  const errors: FieldError[] = [];
  if (ranges.unspecified) errors.push(invalid(path, value, `may not be unspecified (${value})`));
  if (ranges.loopback) errors.push(invalid(path, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (ranges.linkLocal) {
    errors.push(invalid(path, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  }
  if (ranges.linkLocalMulticast) {
    errors.push(invalid(path, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  }
  return errors;
}
