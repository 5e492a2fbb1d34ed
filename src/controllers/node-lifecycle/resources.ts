/** The resources the node lifecycle, taint eviction and pod GC controllers read and write. */
import { rfc3339 } from '../../machinery/rfc3339.js';

export const NODES = { group: '', version: 'v1', resource: 'nodes', namespaced: false } as const;
export const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;
export const LEASES = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespaced: true } as const;

/** Where kubelets keep their heartbeat Leases, one per node, named after it. */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** A time as the API writes it: RFC 3339, whole seconds, UTC. */
export function apiTime(ms: number): string {
  return rfc3339(ms);
}

/** Milliseconds since the epoch of an API time, or undefined when absent or unparseable. */
export function parseApiTime(text: string | undefined | null): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}
