import { isIP } from 'node:net';
import { hostname as machineHostname } from 'node:os';
import type { X509Certificate } from 'node:crypto';

/** The ClusterIP of the `kubernetes` Service in the default service CIDR (10.96.0.0/12): its first address. */
export const KUBERNETES_SERVICE_IP = '10.96.0.1';

/** Names every serving certificate carries: loopback, and the in-cluster names of the `kubernetes` Service. */
export const DEFAULT_SERVING_NAMES: readonly string[] = [
  'localhost',
  '127.0.0.1',
  '::1',
  'kubernetes',
  'kubernetes.default',
  'kubernetes.default.svc',
  'kubernetes.default.svc.cluster.local',
  KUBERNETES_SERVICE_IP,
];

/**
 * The subject alternative names of the API server's serving certificate: the defaults, the machine's
 * hostname and the requested hosts (DNS names or IP literals, IPv6 with or without brackets), without
 * duplicates (DNS names lower-cased, as DNS compares them).
 */
export function servingNames(hosts: readonly string[], hostname: string = machineHostname()): string[] {
  const names = [...DEFAULT_SERVING_NAMES, hostname, ...hosts]
    .map((n) => n.trim().replace(/^\[(.*)\]$/, '$1')) // `[::1]` as URLs write IPv6 is the IP `::1`
    .filter((n) => n !== '')
    .map((n) => (isIP(n) === 0 ? n.toLowerCase() : n));
  return [...new Set(names)];
}

/** The names a certificate's subjectAltName does not cover (IPs compared as addresses, DNS names exactly). */
export function missingNames(certificate: X509Certificate, names: readonly string[]): string[] {
  return names.filter((name) =>
    isIP(name) === 0
      ? certificate.checkHost(name, { subject: 'never', wildcards: false }) === undefined
      : certificate.checkIP(name) === undefined,
  );
}
