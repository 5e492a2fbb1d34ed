/**
 * IPv4 ranges as the simulator hands them out: each node's pod CIDR carved from a base range, its node IP
 * (the range's first host) and the addresses left for pods.
 */

export interface Ipv4Cidr {
  /** The network address, as an unsigned 32-bit number. */
  readonly network: number;
  readonly prefix: number;
}

const OCTET = /^(0|[1-9]\d{0,2})$/;

/** The unsigned number of a dotted quad, or undefined when `text` is not one. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** Parses `a.b.c.d/n`; the address is masked to its network. Undefined when `text` is not an IPv4 CIDR. */
export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
  const [address, bits, ...rest] = text.split('/');
  if (address === undefined || bits === undefined || rest.length > 0 || !/^\d{1,2}$/.test(bits)) return undefined;
  const prefix = Number(bits);
  const ip = parseIpv4(address);
  if (ip === undefined || prefix > 32) return undefined;
  return { network: maskOf(ip, prefix), prefix };
}

export function formatIpv4Cidr(cidr: Ipv4Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefix}`;
}

function maskOf(ip: number, prefix: number): number {
  const size = 2 ** (32 - prefix);
  return ip - (ip % size);
}

/** How many addresses the range holds. */
export function sizeOf(cidr: Ipv4Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

/**
 * The `index`-th /24 counted from `base`'s network address: 10.244.0.0/16 gives 10.244.3.0/24 for 3 and
 * 10.245.0.0/24 for 256, running on past the base range (as the brief's wrap-around asks) until the address
 * space ends. @throws RangeError when `base` is not an IPv4 CIDR or the index runs past 255.255.255.0.
 */
export function nodePodCidr(base: string, index: number): Ipv4Cidr {
  const parsed = parseIpv4Cidr(base);
  if (parsed === undefined) throw new RangeError(`pod CIDR base ${JSON.stringify(base)} is not an IPv4 CIDR`);
  const network = maskOf(parsed.network, 24) + index * 256;
  if (network > 0xffffff00) throw new RangeError(`no /24 left for node ${index} after ${base}`);
  return { network, prefix: 24 };
}

/** The node's own address in its pod range: the first host (`.1` of a /24). */
export function nodeIpOf(cidr: Ipv4Cidr): string {
  return formatIpv4(cidr.network + (cidr.prefix >= 31 ? 0 : 1));
}
