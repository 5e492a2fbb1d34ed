/**
 * Simulator: N simulated nodes (as KWOK plays them) on one API server. It registers the Nodes, keeps their
 * Leases and status fresh, and plays the kubelet for every pod bound to them (see PodRunner). Everything goes
 * through the API, with a bounded number of writes in flight; one node informer and one informer over bound
 * pods serve all nodes. Give it a RestClient whose rate limit suits the scale (the command uses none: the
 * worker pools bound the load).
 */
import type { Lease } from '../api/coordination/v1/lease.js';
import type { Node } from '../api/core/v1/node.js';
import type { Pod } from '../api/core/v1/pod.js';
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { type RestClient, SharedInformerFactory, stripManagedFields } from '../client/index.js';
import { formatIpv4Cidr, nodePodCidr } from './ipv4-cidr.js';
import { NodeHeartbeats } from './node-heartbeats.js';
import { LEASES } from './node-lease.js';
import type { SimNode } from './node-object.js';
import { type RegisteredNode, registerNode, type RegistrationContext } from './node-registration.js';
import { PodRunner } from './pod-runner.js';
import { type ResolvedSimOptions, resolveSimOptions, type SimOptions } from './sim-options.js';
import { forEachLimit } from './worker-pool.js';

const NODES = { group: '', version: 'v1', resource: 'nodes', namespaced: false } as const;
const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;
const SYNC_POLL_MS = 10;

/** What the simulator tells about one of its nodes. */
export interface SimNodeInfo {
  readonly name: string;
  /** The node's pod range (its spec.podCIDR). */
  readonly podCIDR: string;
  /** Its InternalIP, every pod's hostIP. */
  readonly ip: string;
}

interface Running {
  readonly controller: AbortController;
  readonly factories: SharedInformerFactory[];
  heartbeats?: NodeHeartbeats;
  runner?: PodRunner;
}

export class Simulator {
  private readonly options: ResolvedSimOptions;
  private readonly simNodes = new Map<string, SimNode>();
  private running: Running | undefined;
  private stopping: Promise<void> | undefined;

  /** @throws RangeError for options out of range (see resolveSimOptions). */
  constructor(
    private readonly client: RestClient,
    options: SimOptions,
  ) {
    this.options = resolveSimOptions(options);
  }

  /** The names the nodes get: `<prefix>0` … `<prefix>N-1`. */
  nodeNames(): string[] {
    return Array.from({ length: this.options.nodes }, (_, i) => `${this.options.namePrefix}${i}`);
  }

  /** The registered nodes (empty before start has registered them). */
  nodes(): SimNodeInfo[] {
    return [...this.simNodes.values()].map((n) => ({ name: n.name, podCIDR: formatIpv4Cidr(n.cidr), ip: n.ip }));
  }

  /**
   * Registers the nodes (creating them, or taking over existing Nodes of the same names), starts their
   * heartbeats and the pod handling; resolves once every node and its Lease exist and the pod cache has
   * synced. Aborting `signal` stops the simulator as `stop` does. A simulator starts once.
   * @throws ApiError / TransportError when registration fails (everything started is stopped again), or the
   *   signal's reason when it aborts first.
   */
  async start(signal?: AbortSignal): Promise<void> {
    if (this.running !== undefined) throw new Error('the simulator has already been started');
    const controller = new AbortController();
    setMaxListeners(0, controller.signal); // every in-flight request listens to it
    const { clock, onError } = this.options;
    // Nothing here reads managedFields: the caches go without them.
    const transform = stripManagedFields;
    const nodeFactory = new SharedInformerFactory(this.client, { clock, onError, transform });
    const podFactory = new SharedInformerFactory(this.client, {
      clock,
      onError,
      transform,
      fieldSelector: 'spec.nodeName!=',
    });
    const running: Running = { controller, factories: [nodeFactory, podFactory] };
    this.running = running;
    signal?.addEventListener('abort', () => void this.stop(), { once: true });
    if (signal?.aborted) controller.abort();
    try {
      await this.run(running, nodeFactory, podFactory);
    } catch (err) {
      const reason: unknown = signal?.aborted ? signal.reason : err;
      await this.stop();
      throw reason;
    }
  }

  /**
   * Stops renewing Leases and status, stops handling pods, stops the informers; resolves once nothing of the
   * simulator runs any more. The Nodes stay: without heartbeats, the node lifecycle controller takes over.
   */
  stop(): Promise<void> {
    const running = this.running;
    if (running === undefined) return Promise.resolve();
    this.stopping ??= (async () => {
      running.controller.abort();
      await running.heartbeats?.stop();
      await running.runner?.stop();
      await Promise.all(running.factories.map((f) => f.shutdown()));
    })();
    return this.stopping;
  }

  private async run(
    running: Running,
    nodeFactory: SharedInformerFactory,
    podFactory: SharedInformerFactory,
  ): Promise<void> {
    const { signal } = running.controller;
    const options = this.options;
    const ctx: RegistrationContext = {
      nodes: this.client.resource<Node>(NODES),
      leases: this.client.resource<Lease>(LEASES),
      template: { capacity: options.capacity, labels: options.labels, taints: options.taints },
      leaseDurationSeconds: options.leaseDurationSeconds,
      now: () => options.clock.now(),
      signal,
    };
    const nodeInformer = nodeFactory.forResource<Node>(NODES);
    const nodeLister = nodeFactory.lister<Node>(NODES);
    const heartbeats = new NodeHeartbeats(ctx, nodeLister, options);
    running.heartbeats = heartbeats;
    nodeInformer.addEventHandler(heartbeats.handler);
    nodeFactory.start(signal);
    await synced([nodeInformer], signal);

    const registered: RegisteredNode[] = [];
    await forEachLimit(this.nodeNames(), options.nodeWorkers, async (name, i) => {
      const cidr = nodePodCidr(options.podCidrBase, i);
      registered[i] = await registerNode(ctx, name, cidr, randomUUID(), nodeLister.get('', name));
    });
    signal.throwIfAborted(); // from here to the next wait all starts at once, or (aborted) nothing does
    for (const r of registered) this.simNodes.set(r.node.name, r.node);
    heartbeats.start(registered);

    const pods = this.client.resource<Pod>(PODS);
    const runner = new PodRunner({
      pods,
      lister: podFactory.lister<Pod>(PODS),
      nodeNamed: (name) => this.simNodes.get(name),
      options,
      signal,
    });
    running.runner = runner;
    const podInformer = podFactory.forResource<Pod>(PODS);
    podInformer.addEventHandler(runner.handler);
    runner.start();
    podFactory.start(signal);
    await synced([podInformer], signal);
  }
}

/**
 * Waits for `informers` to sync. Polls rather than calling waitForCacheSync: an informer whose first list is
 * empty never wakes its sync waiters (reported; src/client is not ours to change).
 * @throws the signal's reason when it aborts first.
 */
async function synced(informers: readonly { hasSynced(): boolean }[], signal: AbortSignal): Promise<void> {
  while (!informers.every((i) => i.hasSynced())) {
    signal.throwIfAborted();
    await delay(SYNC_POLL_MS, undefined, { signal }).catch(() => undefined);
  }
  signal.throwIfAborted();
}
