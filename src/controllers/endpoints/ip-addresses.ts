/**
 * Pod IPs as the endpoint controllers read them: the family of an address, its canonical text, and the
 * addresses of a pod (`status.podIPs`, or `status.podIP` alone when a writer filled only that).
 */
import { isIPv6 } from 'node:net';
import type { Pod } from '../../api/core/v1/pod.js';

/** Whether `ip` is an IPv6 address (upstream utilnet.IsIPv6String). */
export const isIPv6String = (ip: string): boolean => isIPv6(ip);

/**
 * The canonical text of an IP (upstream parses "sloppily" and prints again): IPv4 without leading zeros,
 * IPv6 compressed and lower-case. Text that is no IP is returned unchanged.
 */
export function canonicalIP(ip: string): string {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4 !== null) {
    const octets = v4.slice(1).map((o) => Number.parseInt(o, 10));
    return octets.every((o) => o <= 255) ? octets.join('.') : ip;
  }
  if (!isIPv6(ip)) return ip;
  try {
    return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  } catch {
    return ip;
  }
}

/** The pod's IPs in order: `status.podIPs`, else `[status.podIP]` when only that is set, else none. */
export function podIPs(pod: Pod): string[] {
  const listed = (pod.status?.podIPs ?? []).map((p) => p.ip).filter((ip): ip is string => Boolean(ip));
  if (listed.length > 0) return listed;
  const single = pod.status?.podIP;
  return single ? [single] : [];
}
