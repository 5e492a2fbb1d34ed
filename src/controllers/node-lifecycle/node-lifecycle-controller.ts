/**
 * The node lifecycle controller (upstream `nodelifecycle`, kube-controller-manager's node-lifecycle-controller).
 * Three duties:
 * - every `nodeMonitorPeriodMs`, judge each node's health from its Ready heartbeats and its Lease; a node silent
 *   for longer than `nodeMonitorGracePeriodMs` (`nodeStartupGracePeriodMs` if it never reported) gets its
 *   kubelet conditions set Unknown, its pods marked not Ready, and the NoExecute taint `unreachable` (or
 *   `not-ready` for Ready=False); the taints come off once it is Ready again. Pods are then evicted by the taint
 *   eviction controller, when their tolerations run out;
 * - on every node change, keep the NoSchedule taints that mirror its conditions and `spec.unschedulable`
 *   (taint-nodes-by-condition), and the beta os/arch labels;
 * - when a pod lands on a node that is not Ready, mark it not Ready too.
 *
 * Taints go on per zone at `evictionLimiterQps` nodes a second (unthrottled by default here: upstream's
 * `--node-eviction-rate` is 0.1). In a partially disrupted zone the rate drops (0 for zones of ≤ 50 nodes), and
 * when every zone is fully disrupted no node is tainted at all.
 */
import type { Lease } from '../../api/coordination/v1/lease.js';
import type { Node } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { DeletedFinalStateUnknown } from '../../client/informers/object-key.js';
import type { Controller, ControllerContext, ControllerFactory } from '../framework/controller.js';
import { type ObjectName, ReconcileLoop } from '../framework/reconcile-loop.js';
import { HealthMonitor } from './health-monitor.js';
import { markPodsNotReady } from './mark-pods-not-ready.js';
import { ensureNodeNameIndex } from './node-name-index.js';
import { managedNoScheduleTaints, taintSetDiff, wantedNoScheduleTaints } from './node-taints.js';
import { every } from './periodic.js';
import { apiTime, LEASES, NODES, PODS } from './resources.js';
import { addNodeLabels, swapNodeTaints } from './taint-writer.js';

export const NAME = 'nodelifecycle';

/** The event source of everything this controller records (upstream's). */
export const NODE_CONTROLLER_COMPONENT = 'node-controller';

/** Tuning beyond ControllerOptions (upstream kube-controller-manager flags). */
export interface NodeLifecycleOptions {
  /** --node-eviction-rate: nodes tainted NoExecute per second per healthy zone. Default Infinity (upstream 0.1). */
  readonly evictionLimiterQps?: number;
  /** --secondary-node-eviction-rate: the same in a partially disrupted large zone. Default 0.01. */
  readonly secondaryEvictionLimiterQps?: number;
  /** --large-cluster-size-threshold. Default 50. */
  readonly largeClusterThreshold?: number;
  /** --unhealthy-zone-threshold: share of not-Ready nodes that makes a zone partially disrupted. Default 0.55. */
  readonly unhealthyZoneThreshold?: number;
}

/** Upstream's NodeEvictionPeriod: how often queued nodes are offered to the zone taint queues. */
const NODE_EVICTION_PERIOD_MS = 100;
/** Upstream's worker counts: node update workers (also the monitor's parallelism) and pod update workers. */
const NODE_UPDATE_WORKERS = 8;
const POD_UPDATE_WORKERS = 4;

/** Reconciled with the stable labels as the source of truth (upstream labelReconcileInfo). */
const BETA_LABELS: readonly (readonly [stable: string, beta: string])[] = [
  ['kubernetes.io/os', 'beta.kubernetes.io/os'],
  ['kubernetes.io/arch', 'beta.kubernetes.io/arch'],
];

class NodeLifecycleController implements Controller {
  readonly name = NAME;
  private readonly monitor: HealthMonitor;
  private readonly nodeLoop: ReconcileLoop;
  private readonly podLoop: ReconcileLoop;

  constructor(
    private readonly context: ControllerContext,
    options: NodeLifecycleOptions,
  ) {
    const nodeInformer = context.informers.forResource<Node>(NODES);
    const podInformer = context.informers.forResource<Pod>(PODS);
    ensureNodeNameIndex(podInformer);
    const recorder = context.recorder(NODE_CONTROLLER_COMPONENT);
    this.monitor = new HealthMonitor({
      nodes: context.informers.lister<Node>(NODES),
      leases: context.informers.lister<Lease>(LEASES),
      pods: podInformer,
      nodeClient: context.client.resource<Node>(NODES),
      podClient: context.client.resource<Pod>(PODS),
      recorder,
      clock: context.clock,
      grace: {
        monitorGraceMs: context.options.nodeMonitorGracePeriodMs,
        startupGraceMs: context.options.nodeStartupGracePeriodMs,
      },
      rates: {
        evictionLimiterQps: options.evictionLimiterQps ?? Infinity,
        secondaryEvictionLimiterQps: options.secondaryEvictionLimiterQps ?? 0.01,
        largeClusterThreshold: options.largeClusterThreshold ?? 50,
      },
      unhealthyZoneThreshold: options.unhealthyZoneThreshold ?? 0.55,
      workers: NODE_UPDATE_WORKERS,
      onError: (what, err) => warn(what, err),
    });
    this.nodeLoop = new ReconcileLoop({
      name: `${NAME}-nodes`,
      clock: context.clock,
      reconcile: ({ name }) => this.syncNode(name),
    });
    this.podLoop = new ReconcileLoop({
      name: `${NAME}-pods`,
      clock: context.clock,
      reconcile: (key) => this.processPod(key),
    });
    nodeInformer.addEventHandler({
      onAdd: (node) => this.nodeLoop.enqueue(node),
      onUpdate: (_old, node) => this.nodeLoop.enqueue(node),
      onDelete: (obj) => {
        const node = obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
        this.monitor.forget(node.metadata?.name ?? '');
      },
    });
    // Only pods newly bound to a node matter here: the monitor pass handles the rest.
    podInformer.addEventHandler({
      onAdd: (pod) => {
        if (pod.spec?.nodeName) this.podLoop.enqueue(pod);
      },
      onUpdate: (old, pod) => {
        if (pod.spec?.nodeName && pod.spec.nodeName !== old.spec?.nodeName) this.podLoop.enqueue(pod);
      },
    });
  }

  async run(signal: AbortSignal): Promise<void> {
    const { clock, options } = this.context;
    await Promise.all([
      this.nodeLoop.run(signal, NODE_UPDATE_WORKERS),
      this.podLoop.run(signal, POD_UPDATE_WORKERS),
      every(
        clock,
        NODE_EVICTION_PERIOD_MS,
        signal,
        () => this.monitor.taintingPass(),
        (err) => warn('tainting', err),
      ),
      every(
        clock,
        options.nodeMonitorPeriodMs,
        signal,
        () => this.monitor.monitor(),
        (err) => warn('monitoring', err),
      ),
    ]);
  }

  /** The condition-mirroring NoSchedule taints and the beta labels of one node (upstream doNoScheduleTaintingPass). */
  private async syncNode(name: string): Promise<void> {
    const node = this.context.informers.lister<Node>(NODES).get('', name);
    if (node === undefined) return;
    const nodes = this.context.client.resource<Node>(NODES);
    const { add, remove } = taintSetDiff(wantedNoScheduleTaints(node), managedNoScheduleTaints(node));
    if (add.length > 0 || remove.length > 0) {
      await swapNodeTaints(nodes, node, add, remove, apiTime(this.context.clock.now()));
    }
    const labels = node.metadata?.labels ?? {};
    const update: Record<string, string> = {};
    for (const [stable, beta] of BETA_LABELS) {
      const value = labels[stable];
      if (value !== undefined && labels[beta] !== value) update[beta] = value;
    }
    if (Object.keys(update).length > 0) await addNodeLabels(nodes, node, update);
  }

  /** A pod just bound to a node that is not Ready is marked not Ready (upstream processPod). */
  private async processPod({ namespace, name }: ObjectName): Promise<void> {
    const pod = this.context.informers.lister<Pod>(PODS).get(namespace, name);
    const nodeName = pod?.spec?.nodeName;
    if (pod === undefined || !nodeName || !this.monitor.knows(nodeName)) return;
    if (this.context.informers.lister<Node>(NODES).get('', nodeName) === undefined) {
      throw new Error(`node ${nodeName} of pod ${namespace}/${name} is not in the cache`);
    }
    const ready = this.monitor.readyCondition(nodeName);
    if (ready === undefined || ready.status === 'True') return;
    await markPodsNotReady(
      this.context.client.resource<Pod>(PODS),
      this.context.recorder(NODE_CONTROLLER_COMPONENT),
      [pod],
      nodeName,
      apiTime(this.context.clock.now()),
    );
  }
}

function warn(what: string, err: unknown): void {
  console.warn(`${NAME}: ${what} failed: ${err instanceof Error ? err.message : String(err)}`);
}

/** Builds the node lifecycle controller with tuning beyond ControllerOptions. */
export function newNodeLifecycleControllerWith(
  context: ControllerContext,
  options: NodeLifecycleOptions = {},
): Controller {
  return new NodeLifecycleController(context, options);
}

/** Builds the node lifecycle controller (registers its informer handlers). */
export const newNodeLifecycleController: ControllerFactory = (context) => newNodeLifecycleControllerWith(context);
