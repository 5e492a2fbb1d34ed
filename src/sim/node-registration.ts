/**
 * Registering a simulated node, as a starting kubelet does: create the Node with its status, or take over
 * the Node of that name that is already there (labels completed, its pod CIDR kept, its status made healthy
 * again: a node left NotReady or Unknown by an earlier run turns Ready), then create or take over its Lease.
 */
import type { Lease } from '../api/coordination/v1/lease.js';
import type { Node } from '../api/core/v1/node.js';
import { isAlreadyExists, isConflict, type ResourceClient } from '../client/index.js';
import { type Ipv4Cidr, parseIpv4Cidr } from './ipv4-cidr.js';
import { newNodeLease, NODE_LEASE_NAMESPACE, renewedNodeLease } from './node-lease.js';
import { adoptedNode, newNodeObject, type NodeTemplate, nodeStatus, type SimNode, simNode } from './node-object.js';

/** How often a registration step that lost a race is redone on a fresh read. */
const ATTEMPTS = 5;

export interface RegistrationContext {
  readonly nodes: ResourceClient<Node>;
  readonly leases: ResourceClient<Lease>;
  readonly template: NodeTemplate;
  readonly leaseDurationSeconds: number;
  readonly now: () => number;
  readonly signal: AbortSignal;
}

/** A node the simulator now plays: its description, its uid and its Lease as last written. */
export interface RegisteredNode {
  readonly node: SimNode;
  readonly uid: string;
  readonly lease: Lease;
}

/** Runs `step` until it does not lose a race (Conflict), at most ATTEMPTS times. */
async function untilNoConflict<T>(step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      if (!isConflict(err) || attempt >= ATTEMPTS) throw err;
    }
  }
}

/**
 * Registers the node `name`, planned with pod range `cidr`; `existing` is the cached Node of that name, if
 * any. @throws ApiError / TransportError when the API server refuses or cannot be reached.
 */
export async function registerNode(
  ctx: RegistrationContext,
  name: string,
  cidr: Ipv4Cidr,
  bootID: string,
  existing: Node | undefined,
): Promise<RegisteredNode> {
  const { signal } = ctx;
  let registered: { node: SimNode; object: Node } | undefined;
  if (existing === undefined) {
    const node = simNode(name, cidr, bootID);
    try {
      registered = {
        node,
        object: await ctx.nodes.create('', newNodeObject(node, ctx.template, ctx.now()), { signal }),
      };
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
  }
  registered ??= await untilNoConflict(() => takeOver(ctx, name, cidr, bootID));
  const uid = registered.object.metadata?.uid ?? '';
  const lease = await untilNoConflict(() => ensureLease(ctx, name, uid));
  return { node: registered.node, uid, lease };
}

/** Takes the Node `name` over: labels, pod CIDR if unset, then a healthy status. */
async function takeOver(
  ctx: RegistrationContext,
  name: string,
  planned: Ipv4Cidr,
  bootID: string,
): Promise<{ node: SimNode; object: Node }> {
  const { signal } = ctx;
  let current = await ctx.nodes.get('', name, { signal });
  // A pod CIDR cannot change once set: a node that has one keeps it (if it is IPv4; else the planned one
  // serves the pods, which is the best a simulator can do).
  const node = simNode(name, parseIpv4Cidr(current.spec?.podCIDR ?? '') ?? planned, bootID);
  const adopted = adoptedNode(current, node, ctx.template);
  if (adopted !== undefined) current = await ctx.nodes.update('', adopted, { signal });
  const status = nodeStatus(node, ctx.template, ctx.now(), current.status);
  const object = await ctx.nodes.updateStatus('', { ...current, status } as Node, { signal });
  return { node, object };
}

/** Creates the node's Lease, or renews the one there (taking it over: holder, duration, owner). */
export async function ensureLease(ctx: RegistrationContext, name: string, nodeUid: string): Promise<Lease> {
  const { signal } = ctx;
  const fresh = newNodeLease(name, nodeUid, ctx.leaseDurationSeconds, ctx.now());
  try {
    return await ctx.leases.create(NODE_LEASE_NAMESPACE, fresh, { signal });
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
  }
  const current = await ctx.leases.get(NODE_LEASE_NAMESPACE, name, { signal });
  const renewed = renewedNodeLease(current, name, nodeUid, ctx.leaseDurationSeconds, ctx.now());
  return ctx.leases.update(NODE_LEASE_NAMESPACE, renewed, { signal });
}
