/**
 * A node's heartbeat Lease (coordination.k8s.io/v1, in `kube-node-lease`, named for the node and held by it,
 * owned by the Node so that it goes when the node does), as the kubelet keeps it.
 */
import type { Lease } from '../api/coordination/v1/lease.js';
import { formatMicroTime } from './times.js';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

export const LEASES = {
  group: 'coordination.k8s.io',
  version: 'v1',
  resource: 'leases',
  namespaced: true,
} as const;

/** The owner reference of a node's Lease. */
function nodeOwner(nodeName: string, nodeUid: string): { apiVersion: string; kind: string; name: string; uid: string } {
  return { apiVersion: 'v1', kind: 'Node', name: nodeName, uid: nodeUid };
}

/** A new Lease for the node, renewed `now`. */
export function newNodeLease(nodeName: string, nodeUid: string, durationSeconds: number, now: number): Lease {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: nodeName,
      namespace: NODE_LEASE_NAMESPACE,
      ownerReferences: [nodeOwner(nodeName, nodeUid)],
    },
    spec: { holderIdentity: nodeName, leaseDurationSeconds: durationSeconds, renewTime: formatMicroTime(now) },
  } as Lease;
}

/**
 * `lease` renewed `now` by the node: held by it, with the simulator's duration and an owner reference to the
 * node's current uid (a node re-created under the same name has a new one).
 */
export function renewedNodeLease(
  lease: Lease,
  nodeName: string,
  nodeUid: string,
  durationSeconds: number,
  now: number,
): Lease {
  return {
    ...lease,
    metadata: { ...lease.metadata, ownerReferences: [nodeOwner(nodeName, nodeUid)] },
    spec: {
      ...lease.spec,
      holderIdentity: nodeName,
      leaseDurationSeconds: durationSeconds,
      renewTime: formatMicroTime(now),
    },
  } as Lease;
}
