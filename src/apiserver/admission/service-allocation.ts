/**
 * Service cluster IPs and node ports, allocated as kube-apiserver does: from the service CIDR (10.96.0.0/12)
 * and the node port range (30000–32767). Each allocation is a store key created with compare-and-swap, so
 * two API servers on one etcd can never hand out the same IP or port. A mutating admission plugin: it
 * fills in what a new Service did not ask for, reserves what it did, and releases both on delete.
 */
import { failure, StatusReason } from '../../machinery/status.js';
import type { Store } from '../../storage/store.js';
import type { AdmissionAttributes, AdmissionPlugin } from './admission.js';

/** The service CIDR's base address and size (10.96.0.0/12), as kube-apiserver's default. */
const CIDR_BASE = (10 << 24) | (96 << 16);
const CIDR_SIZE = 1 << 20;
const NODE_PORTS = { min: 30000, max: 32767 } as const;
export const KUBERNETES_SERVICE_IP = '10.96.0.1';

const IP_KEYS = '/registry/ranges/serviceips/';
const PORT_KEYS = '/registry/ranges/servicenodeports/';

const ipString = (n: number): string => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
function ipNumber(ip: string): number | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: { nodePort?: number; protocol?: string }[];
}

const invalidAllocation = (name: string, field: string, value: string, detail: string) =>
  failure(422, StatusReason.Invalid, `Service "${name}" is invalid: ${field}: Invalid value: ${value}: ${detail}`, {
    name,
    kind: 'Service',
    causes: [{ reason: 'FieldValueInvalid', message: `Invalid value: ${value}: ${detail}`, field }],
  });

export class ServiceAllocation implements AdmissionPlugin {
  readonly name = 'ServiceAllocation';

  constructor(private readonly store: Store) {}

  /** Services, not their subresources. */
  handles(a: AdmissionAttributes): boolean {
    return a.resource.kind.group === '' && a.resource.kind.plural === 'services' && a.subresource === undefined;
  }

  async admit(a: AdmissionAttributes): Promise<void> {
    if (!this.handles(a)) return;
    if (a.operation === 'DELETE' && a.oldObject !== undefined && !a.dryRun)
      return this.release(a.oldObject.spec as ServiceSpec);
    if (a.operation !== 'CREATE' || a.object === undefined) return;
    if ((await this.store.get(a.resource.keys.key(a.namespace, a.name))) !== undefined) return; // the create will fail: AlreadyExists
    const spec = (a.object.spec ??= {}) as ServiceSpec;
    const owner = `${a.namespace ?? ''}/${a.name}`;
    if (spec.type !== 'ExternalName' && spec.clusterIP !== 'None') {
      const ip = spec.clusterIP
        ? await this.reserveIp(spec.clusterIP, owner, a)
        : await this.allocateIp(owner, a.dryRun);
      spec.clusterIP = ip;
      spec.clusterIPs = [ip, ...(spec.clusterIPs ?? []).slice(1)];
    }
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
      for (const [i, port] of (spec.ports ?? []).entries()) {
        port.nodePort = port.nodePort
          ? await this.reservePort(port.nodePort, owner, a, i)
          : await this.allocatePort(owner, a.dryRun);
      }
    }
  }

  private async reserveIp(ip: string, owner: string, a: AdmissionAttributes): Promise<string> {
    const n = ipNumber(ip);
    if (n === undefined || n <= CIDR_BASE || n >= CIDR_BASE + CIDR_SIZE - 1) {
      throw invalidAllocation(
        a.name,
        'spec.clusterIPs',
        `[]string{"${ip}"}`,
        `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is 10.96.0.0/12`,
      );
    }
    if (!a.dryRun && !(await this.store.create(IP_KEYS + ip, new TextEncoder().encode(owner))).ok) {
      throw invalidAllocation(
        a.name,
        'spec.clusterIPs',
        `[]string{"${ip}"}`,
        `failed to allocate IP ${ip}: provided IP is already allocated`,
      );
    }
    return ip;
  }

  private async allocateIp(owner: string, dryRun: boolean): Promise<string> {
    // Random probes first (cheap while the range is sparse), then a scan; 10.96.0.1 is the kubernetes service's.
    const first = Math.floor(Math.random() * (CIDR_SIZE - 3)) + 2;
    for (let i = 0; i < CIDR_SIZE - 3; i++) {
      const ip = ipString(CIDR_BASE + 2 + ((first - 2 + (i < 32 ? i * 7919 : i)) % (CIDR_SIZE - 3)));
      if (
        dryRun
          ? (await this.store.get(IP_KEYS + ip)) === undefined
          : (await this.store.create(IP_KEYS + ip, new TextEncoder().encode(owner))).ok
      )
        return ip;
    }
    throw failure(
      500,
      StatusReason.InternalError,
      'Internal error occurred: failed to allocate a serviceIP: range is full',
    );
  }

  private async reservePort(port: number, owner: string, a: AdmissionAttributes, index: number): Promise<number> {
    const field = `spec.ports[${index}].nodePort`;
    if (port < NODE_PORTS.min || port > NODE_PORTS.max) {
      throw invalidAllocation(
        a.name,
        field,
        String(port),
        `provided port is not in the valid range. The range of valid ports is ${NODE_PORTS.min}-${NODE_PORTS.max}`,
      );
    }
    if (!a.dryRun && !(await this.store.create(PORT_KEYS + port, new TextEncoder().encode(owner))).ok) {
      throw invalidAllocation(a.name, field, String(port), 'provided port is already allocated');
    }
    return port;
  }

  private async allocatePort(owner: string, dryRun: boolean): Promise<number> {
    const span = NODE_PORTS.max - NODE_PORTS.min + 1;
    const first = Math.floor(Math.random() * span);
    for (let i = 0; i < span; i++) {
      const port = NODE_PORTS.min + ((first + i) % span);
      if (
        dryRun
          ? (await this.store.get(PORT_KEYS + port)) === undefined
          : (await this.store.create(PORT_KEYS + port, new TextEncoder().encode(owner))).ok
      )
        return port;
    }
    throw failure(
      500,
      StatusReason.InternalError,
      'Internal error occurred: failed to allocate a nodePort: range is full',
    );
  }

  private async release(spec: ServiceSpec | undefined): Promise<void> {
    for (const ip of spec?.clusterIPs ?? (spec?.clusterIP ? [spec.clusterIP] : [])) {
      if (ip !== 'None') await this.store.delete(IP_KEYS + ip);
    }
    for (const port of spec?.ports ?? []) if (port.nodePort) await this.store.delete(PORT_KEYS + port.nodePort);
  }
}
