/**
 * NodeHeartbeats: keeps registered nodes alive, as kubelets do. Every node's Lease is renewed each heartbeat
 * period and its status (condition heartbeats) posted each status period; the nodes' times are spread evenly
 * over the period, all on one DueSchedule, and the writes go through a bounded pool of workers (a key queued
 * twice is written once). A node that someone else marks not Ready while the simulator runs gets its status
 * posted again at once; a node someone deletes is left alone (its Lease goes with it) until it comes back.
 */
import type { Lease } from '../api/coordination/v1/lease.js';
import type { Node } from '../api/core/v1/node.js';
import {
  DeletedFinalStateUnknown,
  isConflict,
  isNotFound,
  type Lister,
  RateLimitingQueue,
  type ResourceEventHandler,
} from '../client/index.js';
import { DueSchedule } from './due-schedule.js';
import { NODE_LEASE_NAMESPACE, renewedNodeLease } from './node-lease.js';
import { isReady, nodeStatus, type SimNode } from './node-object.js';
import { ensureLease, type RegisteredNode, type RegistrationContext } from './node-registration.js';
import type { ResolvedSimOptions } from './sim-options.js';
import { runWorkers } from './worker-pool.js';

const LEASE = 'lease/';
const STATUS = 'status/';

interface Kept {
  readonly node: SimNode;
  uid: string;
  lease: Lease | undefined;
}

export class NodeHeartbeats {
  private readonly kept = new Map<string, Kept>();
  /** Nodes deleted by someone else: not renewed until they exist again. */
  private readonly gone = new Set<string>();
  private readonly queue: RateLimitingQueue<string>;
  private readonly schedule: DueSchedule<string>;
  private workers: Promise<void> | undefined;

  constructor(
    private readonly ctx: RegistrationContext,
    private readonly lister: Lister<Node>,
    private readonly options: ResolvedSimOptions,
  ) {
    this.queue = new RateLimitingQueue<string>(undefined, options.clock);
    this.schedule = new DueSchedule<string>(options.clock, (key, at) => this.due(key, at));
  }

  /** The handler to add to the node informer. */
  readonly handler: ResourceEventHandler<Node> = {
    onAdd: (node) => this.observe(node),
    onUpdate: (_old, node) => this.observe(node),
    onDelete: (node) => {
      const name = node instanceof DeletedFinalStateUnknown ? node.obj.metadata?.name : node.metadata?.name;
      const kept = name === undefined ? undefined : this.kept.get(name);
      if (name === undefined || kept === undefined) return;
      this.gone.add(name);
      kept.lease = undefined;
    },
  };

  /** Starts keeping `nodes` (registered just now): their first renewals spread over one period from now. */
  start(nodes: readonly RegisteredNode[]): void {
    const now = this.options.clock.now();
    const { heartbeatMs, statusUpdateMs, nodeWorkers, onError } = this.options;
    nodes.forEach((r, i) => {
      const name = r.node.name;
      this.kept.set(name, { node: r.node, uid: r.uid, lease: r.lease });
      const share = (i + 1) / nodes.length;
      this.schedule.schedule(LEASE + name, now + heartbeatMs * share);
      this.schedule.schedule(STATUS + name, now + statusUpdateMs * share);
    });
    this.workers ??= runWorkers(this.queue, nodeWorkers, (key) => this.beat(key), onError);
  }

  /** Stops renewing (abort the context's signal first, so that in-flight writes end). */
  async stop(): Promise<void> {
    this.schedule.stop();
    this.queue.shutDown();
    await this.workers;
  }

  private observe(node: Node): void {
    const name = node.metadata?.name;
    const kept = name === undefined ? undefined : this.kept.get(name);
    if (name === undefined || kept === undefined) return;
    this.gone.delete(name);
    if (node.metadata?.uid) kept.uid = node.metadata.uid;
    if (!isReady(node)) this.queue.add(STATUS + name);
  }

  /** A key's time has come: queue the write and set the next time, a period on (or from now, if late). */
  private due(key: string, at: number): void {
    this.queue.add(key);
    const period = key.startsWith(LEASE) ? this.options.heartbeatMs : this.options.statusUpdateMs;
    const now = this.options.clock.now();
    this.schedule.schedule(key, at + period > now ? at + period : now + period);
  }

  private async beat(key: string): Promise<void> {
    if (this.ctx.signal.aborted) return;
    if (key.startsWith(LEASE)) await this.renewLease(key.slice(LEASE.length));
    else await this.postStatus(key.slice(STATUS.length));
  }

  /** Renews the node's Lease from the copy last written; on a lost race or a missing Lease, takes it over anew. */
  private async renewLease(name: string): Promise<void> {
    const kept = this.kept.get(name);
    if (kept === undefined || this.gone.has(name)) return;
    const { leases, leaseDurationSeconds, signal } = this.ctx;
    if (kept.lease !== undefined) {
      const renewed = renewedNodeLease(kept.lease, name, kept.uid, leaseDurationSeconds, this.ctx.now());
      try {
        kept.lease = await leases.update(NODE_LEASE_NAMESPACE, renewed, { signal });
        return;
      } catch (err) {
        if (!isConflict(err) && !isNotFound(err)) throw err;
        kept.lease = undefined;
      }
    }
    kept.lease = await ensureLease(this.ctx, name, kept.uid);
  }

  /** Posts the node's status over the cached Node (a lost race is retried after a back-off, on a newer cache). */
  private async postStatus(name: string): Promise<void> {
    const kept = this.kept.get(name);
    const cached = this.lister.get('', name);
    if (kept === undefined || cached === undefined || this.gone.has(name)) return;
    const status = nodeStatus(kept.node, this.ctx.template, this.ctx.now(), cached.status);
    try {
      await this.ctx.nodes.updateStatus('', { ...cached, status } as Node, { signal: this.ctx.signal });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
