/**
 * The scheduling framework's extension points (upstream framework/interface.go). A plugin is an object with a
 * `name` and any subset of the extension-point methods below; the framework calls, for each pod, in order:
 * PreEnqueue (on entering the queue) → QueueSort (ordering) → PreFilter → Filter (per node) → PostFilter
 * (when no node fits) → PreScore → Score (per node) → NormalizeScore → Reserve → Permit → PreBind → Bind →
 * PostBind; Unreserve undoes Reserve when a later step fails. Success is `Status.SUCCESS`.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import type { Clock } from '../../client/clock/clock.js';
import type { SharedInformerFactory } from '../../client/informers/shared-informer-factory.js';
import type { RestClient } from '../../client/rest/rest-client.js';
import type { EventRecorder } from '../../client/record/event-recorder.js';
import type { ClusterEvent } from './cluster-event.js';
import type { CycleState } from './cycle-state.js';
import type { NodeInfo } from './node-info.js';
import type { NodeTotals } from './node-totals.js';
import type { PodInfo } from './pod-info.js';
import type { Status } from './status.js';

/** Highest and lowest score a Score plugin may give after NormalizeScore. */
export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

export interface Plugin {
  readonly name: string;
}

/** A pod waiting in the scheduling queue (upstream QueuedPodInfo). */
export interface QueuedPodInfo {
  podInfo: PodInfo;
  /** When the pod last entered the active queue (ms). */
  timestamp: number;
  /** When the pod first entered the queue (ms). */
  readonly initialAttemptTimestamp: number;
  /** Scheduling attempts so far. */
  attempts: number;
  /** Plugins that rejected the pod in its last attempt; events they registered move it back. */
  unschedulablePlugins: Set<string>;
  /** PreEnqueue plugins that hold the pod (e.g. SchedulingGates). */
  gatedBy: string;
}

export interface QueueSortPlugin extends Plugin {
  /** Whether `a` should be scheduled before `b`. */
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
}

export interface PreEnqueuePlugin extends Plugin {
  /** Success lets the pod into the active queue; anything else keeps it waiting. */
  preEnqueue(pod: Pod): Status;
}

/** Which cluster events can make a pod this plugin rejected schedulable again. */
export interface EnqueueExtensions {
  eventsToRegister(): readonly ClusterEvent[];
}

/** The nodes a PreFilter plugin already knows are the only candidates (undefined: all nodes). */
export interface PreFilterResult {
  readonly nodeNames?: ReadonlySet<string>;
}

export interface PreFilterPlugin extends Plugin {
  /** Success, Skip (the plugin's Filter is not needed for this pod), or a rejection/error for every node. */
  preFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): { status: Status; result?: PreFilterResult };
  /** Keeps PreFilter's state right when preemption simulates adding or removing pods. */
  readonly preFilterExtensions?: PreFilterExtensions;
}

export interface PreFilterExtensions {
  addPod(state: CycleState, podToSchedule: Pod, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): Status;
  removePod(state: CycleState, podToSchedule: Pod, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): Status;
}

export interface FilterPlugin extends Plugin {
  /** Whether the pod fits on the node. Must not modify `nodeInfo`. */
  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status;
  /**
   * Filter from the node's row of the snapshot's totals (the node at `position` of the snapshot's list): the
   * verdict `filter` would give for that node, or undefined when the row cannot tell (then `filter` runs).
   */
  filterTotals?(state: CycleState, totals: NodeTotals, position: number): Status | undefined;
}

/** Per-node Filter outcomes of a failed cycle, by node name. */
export type NodeStatusMap = Map<string, Status>;

export interface PostFilterResult {
  readonly nominatedNodeName?: string;
}

export interface PostFilterPlugin extends Plugin {
  /** Called when no node fits (e.g. preemption). Success with a nominated node means "try again there". */
  postFilter(
    state: CycleState,
    pod: Pod,
    filteredNodeStatuses: NodeStatusMap,
  ): Promise<{ status: Status; result?: PostFilterResult }>;
}

export interface PreScorePlugin extends Plugin {
  /** Success, Skip (the plugin's Score is not needed for this pod) or an error. */
  preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status;
}

export interface NodeScore {
  readonly name: string;
  score: number;
}

export interface ScorePlugin extends Plugin {
  /** A score for the node: a number, or a Status on error. */
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number | Status;
  /** Like filterTotals: `score` for the node at `position` from its row, or undefined to call `score`. */
  scoreTotals?(state: CycleState, totals: NodeTotals, position: number): number | undefined;
  /**
   * Rescales this plugin's scores in place to MIN_NODE_SCORE…MAX_NODE_SCORE. The list and its entries belong
   * to the framework and are reused after the call: do not keep them.
   */
  normalizeScore?(state: CycleState, pod: Pod, scores: NodeScore[]): Status;
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: Pod, nodeName: string): Status;
  unreserve(state: CycleState, pod: Pod, nodeName: string): void;
}

export interface PermitPlugin extends Plugin {
  /** Success, a rejection, or Wait with how long to wait at most. */
  permit(state: CycleState, pod: Pod, nodeName: string): { status: Status; timeoutMs?: number };
}

export interface PreBindPlugin extends Plugin {
  preBind(state: CycleState, pod: Pod, nodeName: string): Promise<Status>;
}

export interface BindPlugin extends Plugin {
  /** Binds the pod, or returns Skip to leave it to the next bind plugin. */
  bind(state: CycleState, pod: Pod, nodeName: string): Promise<Status>;
}

export interface PostBindPlugin extends Plugin {
  postBind(state: CycleState, pod: Pod, nodeName: string): void;
}

/** Read access to the cycle's snapshot of nodes (upstream SharedLister.NodeInfos()). */
export interface NodeInfoLister {
  list(): readonly NodeInfo[];
  get(nodeName: string): NodeInfo | undefined;
  /** Nodes with at least one pod that has an affinity term. */
  havePodsWithAffinity(): readonly NodeInfo[];
  /** Nodes with at least one pod that has a required anti-affinity term. */
  havePodsWithRequiredAntiAffinity(): readonly NodeInfo[];
  /** How many nodes hold the image `name` (as their image states, keyed by image name, say). */
  nodesWithImage(name: string): number;
  /** How many nodes have any taint. */
  taintedNodes(): number;
  /** How many nodes are cordoned (`spec.unschedulable`). */
  unschedulableNodes(): number;
  /** The resource totals of the nodes of `list()`, row i for node i (a snapshot keeps them; see node-totals.ts). */
  totals?(): NodeTotals;
}

/** Pods nominated to nodes by preemption, not yet bound (upstream PodNominator). */
export interface PodNominator {
  nominatedPodsForNode(nodeName: string): readonly PodInfo[];
}

/**
 * Preemptions whose victims' API calls run in the background (upstream SchedulerAsyncPreemption): meanwhile the
 * preemptor is held out of the active queue, and its victims are not evicted a second time.
 */
export interface PreemptionsInFlight {
  /** Whether `pod` (by UID) is a preemptor whose preemption is still running. */
  isPreempting(pod: Pod): boolean;
  /** Whether `pod` (by UID) is a victim of a running preemption (its eviction was already asked for). */
  isVictim(pod: Pod): boolean;
  /**
   * Records that `preemptor`, nominated to `nodeName`, is evicting `victims`. Call the returned function once
   * the API calls end: without a message the preemptor is activated when the scheduler has seen every victim
   * go; with one (a failure) its nomination is cleared and it is retried after a backoff.
   */
  start(preemptor: Pod, nodeName: string, victims: readonly Pod[]): (failure?: string) => void;
}

/** What plugins may use besides their arguments (upstream framework.Handle). */
export interface Handle {
  readonly client: RestClient;
  readonly informers: SharedInformerFactory;
  readonly clock: Clock;
  readonly events: EventRecorder;
  readonly nominator: PodNominator;
  /** Asynchronous preemption's bookkeeping; without it, preemption waits for its API calls in the cycle. */
  readonly preemptions?: PreemptionsInFlight;
  /** Where preemption reports its attempts and victims (none in tests that do not look). */
  readonly metrics?: PreemptionMetrics;
  /** The snapshot the current cycle reads. */
  snapshot(): NodeInfoLister;
  /** Labels of a namespace from the informer cache (undefined when unknown). */
  namespaceLabels(name: string): Readonly<Record<string, string>> | undefined;
  /** Runs the profile's Filter plugins on one node, counting higher-or-equal-priority nominated pods too. */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status;
  /** Tells every PreFilter plugin's extension that `podInfo` was added to / removed from `nodeInfo`. */
  runPreFilterExtensionAddPod(state: CycleState, pod: Pod, podInfo: PodInfo, nodeInfo: NodeInfo): Status;
  runPreFilterExtensionRemovePod(state: CycleState, pod: Pod, podInfo: PodInfo, nodeInfo: NodeInfo): Status;
}

/** Upstream's scheduler_preemption_attempts_total and scheduler_preemption_victims. */
export interface PreemptionMetrics {
  /** One PostFilter call of a preemption plugin, whatever its outcome. */
  observePreemptionAttempt(): void;
  /** The victims of the candidate chosen, when its preparation starts. */
  observePreemptionVictims(victims: number): void;
}

/** Builds a plugin from its configured arguments (`pluginConfig[].args`, possibly undefined). */
export type PluginFactory = (args: unknown, handle: Handle) => Plugin;
