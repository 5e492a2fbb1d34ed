/**
 * Host ports in use on a node (upstream HostPortInfo): IP → set of `protocol/port`. A port on 0.0.0.0 (or no
 * IP) conflicts with the same protocol/port on any IP, and the other way round.
 */
import type { Pod } from '../../api/core/v1/pod.js';

export const ANY_IP = '0.0.0.0';

export interface HostPort {
  readonly ip: string;
  readonly protocol: string;
  readonly port: number;
}

export class HostPortInfo {
  private readonly byIp = new Map<string, Map<string, number>>();

  add(p: HostPort): void {
    const ports = this.byIp.get(p.ip) ?? new Map<string, number>();
    const key = `${p.protocol}/${p.port}`;
    ports.set(key, (ports.get(key) ?? 0) + 1);
    this.byIp.set(p.ip, ports);
  }

  remove(p: HostPort): void {
    const ports = this.byIp.get(p.ip);
    if (ports === undefined) return;
    const key = `${p.protocol}/${p.port}`;
    const count = (ports.get(key) ?? 0) - 1;
    if (count > 0) ports.set(key, count);
    else ports.delete(key);
    if (ports.size === 0) this.byIp.delete(p.ip);
  }

  /** Whether `p` conflicts with a port in use. */
  conflicts(p: HostPort): boolean {
    const key = `${p.protocol}/${p.port}`;
    if (p.ip === ANY_IP) {
      for (const ports of this.byIp.values()) if (ports.has(key)) return true;
      return false;
    }
    return (this.byIp.get(p.ip)?.has(key) ?? false) || (this.byIp.get(ANY_IP)?.has(key) ?? false);
  }

  get size(): number {
    return this.byIp.size;
  }

  clone(): HostPortInfo {
    const copy = new HostPortInfo();
    for (const [ip, ports] of this.byIp) copy.byIp.set(ip, new Map(ports));
    return copy;
  }
}

/** The host ports a pod's containers ask for (hostPort > 0), defaulting the IP to 0.0.0.0 and protocol to TCP. */
export function podHostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const port of c.ports ?? []) {
      if ((port.hostPort ?? 0) <= 0) continue;
      out.push({ ip: port.hostIP || ANY_IP, protocol: port.protocol ?? 'TCP', port: port.hostPort ?? 0 });
    }
  }
  return out;
}
