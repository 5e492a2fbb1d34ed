/**
 * The node lifecycle controller's periodic pass (upstream monitorNodeHealth): for every node, judge its health
 * from heartbeats and Leases, turn a silent node's conditions Unknown, mark its pods not Ready, queue it for its
 * NoExecute taint (or take the taint off once it is Ready again), then weigh the zones for disruption. Taints
 * themselves go on in `taintingPass` (see NoExecuteTainting), zone by zone at the zone's rate.
 */
import type { Lease } from '../../api/coordination/v1/lease.js';
import type { Node } from '../../api/core/v1/node.js';
import type { NodeCondition } from '../../api/core/v1/node-status.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { type Clock, sleep } from '../../client/clock/clock.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import type { Lister } from '../../client/listers/lister.js';
import { EventType, type EventRecorder } from '../../client/record/event-recorder.js';
import { isNotFound } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import { markPodsNotReady } from './mark-pods-not-ready.js';
import {
  type GracePeriods,
  markConditionsUnknown,
  NODE_READY,
  type NodeHealth,
  nodeCondition,
  observeNodeHealth,
  sameCondition,
} from './node-health.js';
import { podsOnNode } from './node-name-index.js';
import { NoExecuteTainting } from './no-execute-tainting.js';
import { NOT_READY_TAINT, taintExists, UNREACHABLE_TAINT } from './node-taints.js';
import { parallelize } from './parallelize.js';
import { apiTime, NODE_LEASE_NAMESPACE } from './resources.js';
import {
  computeZoneState,
  decideDisruption,
  type EvictionRates,
  excludedFromDisruption,
  zoneKey,
  ZoneState,
  zoneTaintRate,
} from './zone-state.js';
import type { ZoneTainter } from './zone-tainter.js';

/** Upstream's NodeHealthUpdateRetry and retrySleepTime: a failed status write is retried on a fresh read. */
const HEALTH_UPDATE_ATTEMPTS = 5;
const RETRY_SLEEP_MS = 20;

export interface HealthMonitorDeps {
  readonly nodes: Lister<Node>;
  readonly leases: Lister<Lease>;
  readonly pods: SharedInformer<Pod>;
  readonly nodeClient: ResourceClient<Node>;
  readonly podClient: ResourceClient<Pod>;
  readonly recorder: EventRecorder;
  readonly clock: Clock;
  readonly grace: GracePeriods;
  readonly rates: EvictionRates;
  readonly unhealthyZoneThreshold: number;
  /** Nodes checked at once (upstream nodeUpdateWorkerSize, 8). */
  readonly workers: number;
  readonly onError: (what: string, err: unknown) => void;
}

export class HealthMonitor {
  /** What was last observed of each node (upstream nodeHealthMap). */
  readonly health = new Map<string, NodeHealth>();
  private readonly known = new Map<string, Node>();
  private readonly zoneStates = new Map<string, ZoneState>();
  private readonly tainting: NoExecuteTainting;
  /** Nodes whose pods still need marking not Ready (an earlier attempt failed). */
  private readonly retry = new Set<string>();

  constructor(private readonly deps: HealthMonitorDeps) {
    this.tainting = new NoExecuteTainting(
      deps.nodes,
      deps.nodeClient,
      deps.clock,
      deps.rates.evictionLimiterQps,
      deps.onError,
    );
  }

  /** The Ready condition last observed for `nodeName`, if the node is known. */
  readyCondition(nodeName: string): NodeCondition | undefined {
    return this.health.get(nodeName)?.readyCondition;
  }

  /** Whether the node's health has been observed at least once. */
  knows(nodeName: string): boolean {
    return this.health.has(nodeName);
  }

  /** The node was deleted: nothing to retry for it. */
  forget(nodeName: string): void {
    this.retry.delete(nodeName);
  }

  /** One pass over every node; resolves when the pass is done. Never rejects for one node's failure. */
  async monitor(): Promise<void> {
    const nodes = this.deps.nodes.list();
    await this.classify(nodes);
    const zoneReadiness = new Map<string, (string | undefined)[]>();
    await parallelize(this.deps.workers, nodes, async (node) => {
      try {
        await this.checkNode(node, zoneReadiness);
      } catch (err) {
        this.deps.onError(`checking node ${node.metadata?.name ?? ''}`, err);
      }
    });
    await this.handleDisruption(zoneReadiness, nodes);
  }

  /** Puts the NoExecute taints on queued nodes, as fast as each zone's rate allows (upstream doNoExecuteTaintingPass). */
  taintingPass(): Promise<void> {
    return this.tainting.pass();
  }

  private nowIso(): string {
    return apiTime(this.deps.clock.now());
  }

  /** Newly seen and vanished nodes (upstream classifyNodes): events, zones, and a clean slate of taints. */
  private async classify(nodes: readonly Node[]): Promise<void> {
    const present = new Set<string>();
    for (const node of nodes) {
      const name = node.metadata?.name ?? '';
      present.add(name);
      this.ensureZone(zoneKey(node));
      if (this.known.has(name)) continue;
      this.nodeEvent(node, 'RegisteredNode', `Registered Node ${name} in Controller`);
      this.known.set(name, node);
      await this.tainting.markReachable(node);
    }
    for (const [name, node] of this.known) {
      if (present.has(name)) continue;
      this.nodeEvent(node, 'RemovingNode', `Removing Node ${name} from Controller`);
      this.known.delete(name);
      this.health.delete(name);
    }
  }

  private ensureZone(zone: string): ZoneTainter {
    if (!this.zoneStates.has(zone)) this.zoneStates.set(zone, ZoneState.Initial);
    return this.tainting.zone(zone);
  }

  private async checkNode(cached: Node, zoneReadiness: Map<string, (string | undefined)[]>): Promise<void> {
    const name = cached.metadata?.name ?? '';
    // The cached node is only read; a status write goes out on a copy.
    let node = cached;
    let result: { observedReady: NodeCondition; currentReady: NodeCondition | undefined } | undefined;
    for (let attempt = 1; result === undefined; attempt++) {
      try {
        result = await this.tryUpdateNodeHealth(node);
      } catch (err) {
        if (attempt >= HEALTH_UPDATE_ATTEMPTS) throw err;
        await sleep(this.deps.clock, RETRY_SLEEP_MS);
        try {
          node = await this.deps.nodeClient.get('', name);
        } catch (getErr) {
          if (isNotFound(getErr)) return;
          throw getErr;
        }
      }
    }
    const { observedReady, currentReady } = result;
    if (!excludedFromDisruption(node)) {
      const zone = zoneKey(node);
      const list = zoneReadiness.get(zone) ?? [];
      list.push(currentReady?.status);
      zoneReadiness.set(zone, list);
    }
    if (currentReady !== undefined) {
      await this.processTaintBasedEviction(node, observedReady);
      const becameNotReady = currentReady.status !== 'True' && observedReady.status === 'True';
      if (becameNotReady) this.nodeEvent(node, 'NodeNotReady', undefined);
      if (becameNotReady || (this.retry.has(name) && observedReady.status !== 'True')) {
        try {
          const pods = podsOnNode(this.deps.pods, name);
          await markPodsNotReady(this.deps.podClient, this.deps.recorder, pods, name, this.nowIso());
        } catch (err) {
          this.retry.add(name);
          this.deps.onError(`marking the pods of node ${name} not ready`, err);
          return;
        }
      }
    }
    this.retry.delete(name);
  }

  /**
   * Observes `node` (not mutated) and, when it has been silent too long, writes its conditions Unknown.
   * @throws the status write's error (the caller retries on a fresh read).
   */
  private async tryUpdateNodeHealth(
    node: Node,
  ): Promise<{ observedReady: NodeCondition; currentReady: NodeCondition | undefined }> {
    const name = node.metadata?.name ?? '';
    const now = this.deps.clock.now();
    const lease = this.deps.leases.get(NODE_LEASE_NAMESPACE, name);
    const seen = observeNodeHealth(this.health.get(name), node, lease, now, this.deps.grace);
    this.health.set(name, seen.health);
    let currentReady = nodeCondition(node.status, NODE_READY);
    if (!seen.stale) return { observedReady: seen.observedReady, currentReady };
    const status = structuredClone(node.status ?? {});
    currentReady = markConditionsUnknown(status, node.metadata?.creationTimestamp ?? apiTime(now), apiTime(now));
    if (!sameCondition(currentReady, seen.observedReady)) {
      await this.deps.nodeClient.updateStatus('', { ...node, status });
      this.health.set(name, { ...seen.health, readyCondition: currentReady, readyTransitionTimestamp: now });
    }
    return { observedReady: seen.observedReady, currentReady };
  }

  /** Queues a not-Ready node for its NoExecute taint, or swaps the taint at once when the other one is there. */
  private async processTaintBasedEviction(node: Node, observedReady: NodeCondition): Promise<void> {
    const taints = node.spec?.taints;
    try {
      if (observedReady.status === 'False') {
        if (taintExists(taints, UNREACHABLE_TAINT)) await this.tainting.swap(node, NOT_READY_TAINT, UNREACHABLE_TAINT);
        else this.tainting.markForTainting(node, NOT_READY_TAINT);
      } else if (observedReady.status === 'Unknown') {
        if (taintExists(taints, NOT_READY_TAINT)) await this.tainting.swap(node, UNREACHABLE_TAINT, NOT_READY_TAINT);
        else this.tainting.markForTainting(node, UNREACHABLE_TAINT);
      } else if (observedReady.status === 'True') {
        await this.tainting.markReachable(node);
      }
    } catch (err) {
      this.deps.onError(`updating the taints of node ${node.metadata?.name ?? ''}`, err);
    }
  }

  private async handleDisruption(
    zoneReadiness: ReadonlyMap<string, (string | undefined)[]>,
    nodes: readonly Node[],
  ): Promise<void> {
    const next = new Map<string, ZoneState>();
    for (const [zone, statuses] of zoneReadiness) {
      next.set(zone, computeZoneState(statuses, this.deps.unhealthyZoneThreshold).state);
    }
    for (const zone of [...this.zoneStates.keys()]) if (!next.has(zone)) this.zoneStates.delete(zone);
    const decision = decideDisruption(this.zoneStates, next);
    const rateOf = (zone: string, state: ZoneState): number =>
      zoneTaintRate(state, zoneReadiness.get(zone)?.length ?? 0, this.deps.rates);
    switch (decision.kind) {
      case 'unchanged':
        return;
      case 'enter-full-disruption':
        for (const node of nodes) await this.tainting.markReachable(node);
        for (const zone of next.keys()) {
          this.ensureZone(zone).setRate(0);
          this.zoneStates.set(zone, ZoneState.FullDisruption);
        }
        return;
      case 'exit-full-disruption': {
        // Whatever silenced every node may have hidden their heartbeats too: give each a fresh grace period.
        const now = this.deps.clock.now();
        for (const [name, h] of this.health) {
          this.health.set(name, { ...h, probeTimestamp: now, readyTransitionTimestamp: now });
        }
        for (const [zone, state] of decision.states) {
          this.ensureZone(zone).setRate(rateOf(zone, state));
          this.zoneStates.set(zone, state);
        }
        return;
      }
      case 'zones-changed':
        for (const [zone, state] of decision.changed) {
          this.ensureZone(zone).setRate(rateOf(zone, state));
          this.zoneStates.set(zone, state);
        }
    }
  }

  /** A Normal event about a node; without `event`, a status change to `reason` (upstream RecordNodeStatusChange). */
  private nodeEvent(node: Node, reason: string, event: string | undefined): void {
    const name = node.metadata?.name ?? '';
    const ref = { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: node.metadata?.uid ?? '' } };
    const message = event === undefined ? `Node ${name} status is now: ${reason}` : `Node ${name} event: ${event}`;
    this.deps.recorder.event(ref, EventType.Normal, reason, message);
  }
}
