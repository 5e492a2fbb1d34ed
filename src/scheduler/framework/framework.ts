/**
 * A scheduling profile's plugin runner (upstream frameworkImpl): holds the plugins enabled at each extension
 * point (with Score weights) and runs an extension point across them — stopping at the first rejection where
 * upstream does, recording which plugin rejected, and summing weighted, normalised scores.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import type { ClusterEvent } from './cluster-event.js';
import { CycleState } from './cycle-state.js';
import {
  type BindPlugin,
  type EnqueueExtensions,
  type FilterPlugin,
  MAX_NODE_SCORE,
  type NodeScore,
  type NodeStatusMap,
  type PermitPlugin,
  type Plugin,
  type PostBindPlugin,
  type PostFilterPlugin,
  type PostFilterResult,
  type PreBindPlugin,
  type PreEnqueuePlugin,
  type PreFilterPlugin,
  type PreScorePlugin,
  type QueueSortPlugin,
  type ReservePlugin,
  type ScorePlugin,
} from './interfaces.js';
import type { NodeInfo } from './node-info.js';
import type { NodeTotals } from './node-totals.js';
import type { PodInfo } from './pod-info.js';
import { Code, Status } from './status.js';

export interface WeightedScorePlugin {
  readonly plugin: ScorePlugin;
  readonly weight: number;
}

/** The plugins of one profile, per extension point, in the order they run. */
export interface ProfilePlugins {
  readonly queueSort: QueueSortPlugin;
  readonly preEnqueue: readonly PreEnqueuePlugin[];
  readonly preFilter: readonly PreFilterPlugin[];
  readonly filter: readonly FilterPlugin[];
  readonly postFilter: readonly PostFilterPlugin[];
  readonly preScore: readonly PreScorePlugin[];
  readonly score: readonly WeightedScorePlugin[];
  readonly reserve: readonly ReservePlugin[];
  readonly permit: readonly PermitPlugin[];
  readonly preBind: readonly PreBindPlugin[];
  readonly bind: readonly BindPlugin[];
  readonly postBind: readonly PostBindPlugin[];
  /** Every plugin instance of the profile, by name. */
  readonly all: ReadonlyMap<string, Plugin>;
}

export interface PreFilterOutcome {
  readonly status: Status;
  /** The only nodes worth filtering (undefined: all). */
  readonly nodeNames?: ReadonlySet<string>;
  /** The plugins that narrowed the nodes down. */
  readonly narrowedBy?: readonly string[];
}

const NO_PODS: readonly PodInfo[] = Object.freeze([]);

export class Framework {
  private readonly events = new Map<string, readonly ClusterEvent[]>();
  /** The Filter plugins not skipped by `filterPlanState` at `filterPlanVersion` of its skip set. */
  private filterPlan: readonly FilterPlugin[] = [];
  private filterPlanState: CycleState | undefined;
  private filterPlanVersion = -1;
  /** Per Filter plugin, the last rejection it answered and that rejection with the plugin recorded. */
  private readonly lastRejections = new Map<FilterPlugin, { raw: Status; stamped: Status }>();
  /** Per position in the score plan, NodeScore objects reused by NormalizeScore calls (plugins keep none). */
  private readonly nodeScores: { name: string; score: number }[][] = [];

  constructor(
    readonly profileName: string,
    readonly plugins: ProfilePlugins,
    /** Candidates for pods nominated to a node (set by the scheduler). */
    private readonly nominatedPods: (nodeName: string) => readonly PodInfo[] = () => NO_PODS,
    /**
     * Whether any pod is nominated to any node right now; false lets a cycle filter without looking up
     * nominated pods per node. Without it every node is looked up.
     */
    private readonly anyNominatedPods: () => boolean = () => true,
  ) {
    for (const [name, plugin] of plugins.all) {
      const ext = plugin as Partial<EnqueueExtensions>;
      if (typeof ext.eventsToRegister === 'function') this.events.set(name, ext.eventsToRegister());
    }
  }

  /** The cluster events plugin `name` registered (none when it registered none). */
  eventsOf(name: string): readonly ClusterEvent[] {
    return this.events.get(name) ?? [];
  }

  less(a: Parameters<QueueSortPlugin['less']>[0], b: Parameters<QueueSortPlugin['less']>[1]): boolean {
    return this.plugins.queueSort.less(a, b);
  }

  runPreEnqueue(pod: Pod): Status {
    for (const p of this.plugins.preEnqueue) {
      const status = p.preEnqueue(pod);
      if (!status.isSuccess()) return status.withPlugin(p.name);
    }
    return Status.SUCCESS;
  }

  /**
   * PreFilter plugins in order. An error ends the run at once; a rejection is remembered while the remaining
   * plugins still run (so preemption finds their state), and the first rejection is the outcome. Node sets
   * returned by plugins are intersected; an empty intersection rejects the pod everywhere.
   */
  runPreFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): PreFilterOutcome {
    let nodeNames: Set<string> | undefined;
    const narrowedBy: string[] = [];
    let rejection: Status | undefined;
    for (const p of this.plugins.preFilter) {
      const { status, result } = p.preFilter(state, pod, nodes);
      if (status.isSkip()) {
        state.skipFilterPlugins.add(p.name);
        continue;
      }
      if (!status.isSuccess()) {
        if (!status.isRejected()) return { status: status.withPlugin(p.name) };
        rejection ??= status.withPlugin(p.name);
        continue;
      }
      if (result?.nodeNames !== undefined) {
        narrowedBy.push(p.name);
        nodeNames =
          nodeNames === undefined
            ? new Set(result.nodeNames)
            : new Set([...nodeNames].filter((n) => result.nodeNames?.has(n)));
        if (nodeNames.size === 0 && rejection === undefined) {
          rejection = Status.unresolvable(unsatisfiedPluginsMessage(narrowedBy)).withPlugin(p.name);
        }
      }
    }
    if (rejection !== undefined) return { status: rejection, narrowedBy };
    return { status: Status.SUCCESS, nodeNames, narrowedBy };
  }

  /**
   * Runs Filter plugins in order; the first non-success wins (with its plugin recorded). With `totals`,
   * `nodeInfo` is the snapshot's node at `position`, and plugins that can read its row of totals do.
   */
  runFilter(state: CycleState, pod: Pod, nodeInfo: NodeInfo, totals?: NodeTotals, position = -1): Status {
    const plan = this.filtersFor(state);
    for (let i = 0; i < plan.length; i++) {
      const p = plan[i] as FilterPlugin;
      const status =
        (totals !== undefined && p.filterTotals !== undefined ? p.filterTotals(state, totals, position) : undefined) ??
        p.filter(state, pod, nodeInfo);
      if (status !== Status.SUCCESS && !status.isSuccess()) return this.withFilterPlugin(p, status);
    }
    return Status.SUCCESS;
  }

  /**
   * `status` with plugin `p` recorded. A plugin usually answers one shared rejection for many nodes: the stamped
   * copy of the last one it answered is reused rather than made again for every node.
   */
  private withFilterPlugin(p: FilterPlugin, status: Status): Status {
    const last = this.lastRejections.get(p);
    if (last !== undefined && last.raw === status) return last.stamped;
    const stamped = status.withPlugin(p.name);
    if (last === undefined) this.lastRejections.set(p, { raw: status, stamped });
    else {
      last.raw = status;
      last.stamped = stamped;
    }
    return stamped;
  }

  /**
   * Whether a cycle must count nominated pods while filtering (see runFilterWithNominatedPods); when false,
   * runFilter alone gives the same answer for every node. Asked once per cycle: nominations only change
   * between cycles.
   */
  mayHaveNominatedPods(): boolean {
    return this.anyNominatedPods();
  }

  /** The Filter plugins `state` does not skip, derived once per state and skip-set version. */
  private filtersFor(state: CycleState): readonly FilterPlugin[] {
    const skip = state.skipFilterPlugins;
    if (state === this.filterPlanState && skip.version === this.filterPlanVersion) return this.filterPlan;
    this.filterPlan = skip.size === 0 ? this.plugins.filter : this.plugins.filter.filter((p) => !skip.has(p.name));
    this.filterPlanState = state;
    this.filterPlanVersion = skip.version;
    return this.filterPlan;
  }

  /**
   * Filter with the pods nominated to this node counted first (those of priority ≥ the pod's), then without
   * them — the pod must fit both ways (upstream RunFilterPluginsWithNominatedPods).
   */
  runFilterWithNominatedPods(
    state: CycleState,
    pod: Pod,
    nodeInfo: NodeInfo,
    totals?: NodeTotals,
    position = -1,
  ): Status {
    const nominated = this.nominatedPods(nodeInfo.name);
    if (nominated.length > 0) {
      const priority = pod.spec?.priority ?? 0;
      const uid = pod.metadata?.uid;
      let withNominated: NodeInfo | undefined;
      let stateWithNominated: CycleState | undefined;
      for (const info of nominated) {
        if (info.pod.metadata?.uid === uid || (info.pod.spec?.priority ?? 0) < priority) continue;
        withNominated ??= nodeInfo.clone();
        stateWithNominated ??= state.clone();
        withNominated.addPod(info);
        const added = this.runPreFilterExtensionAddPod(stateWithNominated, pod, info, withNominated);
        if (!added.isSuccess()) return added;
      }
      if (withNominated !== undefined && stateWithNominated !== undefined) {
        const status = this.runFilter(stateWithNominated, pod, withNominated);
        if (!status.isSuccess()) return status;
      }
    }
    return this.runFilter(state, pod, nodeInfo, totals, position);
  }

  runPreFilterExtensionAddPod(state: CycleState, pod: Pod, info: PodInfo, nodeInfo: NodeInfo): Status {
    for (const p of this.plugins.preFilter) {
      if (p.preFilterExtensions === undefined || state.skipFilterPlugins.has(p.name)) continue;
      const status = p.preFilterExtensions.addPod(state, pod, info, nodeInfo);
      if (!status.isSuccess()) return status.withPlugin(p.name);
    }
    return Status.SUCCESS;
  }

  runPreFilterExtensionRemovePod(state: CycleState, pod: Pod, info: PodInfo, nodeInfo: NodeInfo): Status {
    for (const p of this.plugins.preFilter) {
      if (p.preFilterExtensions === undefined || state.skipFilterPlugins.has(p.name)) continue;
      const status = p.preFilterExtensions.removePod(state, pod, info, nodeInfo);
      if (!status.isSuccess()) return status.withPlugin(p.name);
    }
    return Status.SUCCESS;
  }

  /**
   * PostFilter plugins in order until one succeeds or returns an error / unresolvable. When all reject, the
   * first rejecting plugin is named, the reasons are joined, and the last result given (e.g. "clear the
   * nomination") is kept.
   */
  async runPostFilter(
    state: CycleState,
    pod: Pod,
    statuses: NodeStatusMap,
  ): Promise<{ status: Status; result?: PostFilterResult }> {
    const reasons: string[] = [];
    let firstPlugin = '';
    let result: PostFilterResult | undefined;
    for (const p of this.plugins.postFilter) {
      const outcome = await p.postFilter(state, pod, statuses);
      if (outcome.status.isSuccess()) return outcome;
      if (outcome.status.code === Code.UnschedulableAndUnresolvable || outcome.status.code === Code.Error) {
        return { status: outcome.status.withPlugin(p.name), ...(outcome.result ? { result: outcome.result } : {}) };
      }
      reasons.push(...outcome.status.reasons);
      if (firstPlugin === '') firstPlugin = p.name;
      if (outcome.result !== undefined) result = outcome.result;
    }
    const status = Status.unschedulable(...reasons).withPlugin(firstPlugin);
    return result === undefined ? { status } : { status, result };
  }

  runPreScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status {
    for (const p of this.plugins.preScore) {
      const status = p.preScore(state, pod, nodes);
      if (status.isSkip()) {
        state.skipScorePlugins.add(p.name);
        continue;
      }
      if (!status.isSuccess()) return status.withPlugin(p.name);
    }
    return Status.SUCCESS;
  }

  /**
   * Total weighted score per node (same order as `nodes`), or an error Status. Plugins PreScore skipped do not
   * run. As upstream: every node is scored by every plugin (node by node, so a node's data is read while it is
   * at hand) and the first Score error ends the run; then each plugin's NormalizeScore runs; then every score
   * must lie in 0…MAX_NODE_SCORE, the first plugin out of range failing the run. With `nodeTotals`, `nodes[i]`
   * is the snapshot's node at `positions[i]`, and plugins that can read its row of totals do.
   */
  runScore(
    state: CycleState,
    pod: Pod,
    nodes: readonly NodeInfo[],
    nodeTotals?: NodeTotals,
    positions?: readonly number[],
  ): Float64Array | Status {
    const n = nodes.length;
    const totals = new Float64Array(n);
    const skip = state.skipScorePlugins;
    const plan = skip.size === 0 ? this.plugins.score : this.plugins.score.filter((s) => !skip.has(s.plugin.name));
    const k = plan.length;
    if (k === 0) return totals;
    // Scores of plugins that normalise go to their NodeScore list; the others' straight into the totals.
    const lists: (NodeScore[] | undefined)[] = plan.map((s, j) =>
      s.plugin.normalizeScore === undefined ? undefined : this.nodeScoreList(j, n),
    );
    let invalidPlugin = -1;
    let invalidValue = 0;
    for (let i = 0; i < n; i++) {
      const node = nodes[i] as NodeInfo;
      let total = 0;
      for (let j = 0; j < k; j++) {
        const { plugin, weight } = plan[j] as WeightedScorePlugin;
        const s =
          (nodeTotals !== undefined && plugin.scoreTotals !== undefined
            ? plugin.scoreTotals(state, nodeTotals, positions?.[i] as number)
            : undefined) ?? plugin.score(state, pod, node);
        if (typeof s !== 'number') return s.withPlugin(plugin.name);
        const list = lists[j];
        if (list !== undefined) {
          const entry = list[i] as { name: string; score: number };
          entry.name = node.name;
          entry.score = s;
        } else {
          if ((s > MAX_NODE_SCORE || s < 0) && (invalidPlugin < 0 || j < invalidPlugin)) {
            invalidPlugin = j;
            invalidValue = s;
          }
          total += s * weight;
        }
      }
      totals[i] = total;
    }
    for (let j = 0; j < k; j++) {
      const list = lists[j];
      const plugin = (plan[j] as WeightedScorePlugin).plugin;
      if (list === undefined || plugin.normalizeScore === undefined) continue;
      const status = plugin.normalizeScore(state, pod, list);
      if (!status.isSuccess()) return status.withPlugin(plugin.name);
    }
    for (let j = 0; j < k; j++) {
      const { plugin, weight } = plan[j] as WeightedScorePlugin;
      if (j === invalidPlugin) return invalidScore(plugin.name, invalidValue);
      const list = lists[j];
      if (list === undefined) continue;
      for (let i = 0; i < n; i++) {
        const s = (list[i] as NodeScore).score;
        if (s > MAX_NODE_SCORE || s < 0) return invalidScore(plugin.name, s);
        totals[i] = (totals[i] as number) + s * weight;
      }
    }
    return totals;
  }

  /** A list of `n` NodeScores for the `j`-th scoring plugin's NormalizeScore, of objects reused across calls. */
  private nodeScoreList(j: number, n: number): NodeScore[] {
    let pool = this.nodeScores[j];
    if (pool === undefined) {
      pool = [];
      this.nodeScores[j] = pool;
    }
    while (pool.length < n) pool.push({ name: '', score: 0 });
    return pool.length === n ? pool : pool.slice(0, n);
  }

  runReserve(state: CycleState, pod: Pod, nodeName: string): Status {
    for (const p of this.plugins.reserve) {
      const status = p.reserve(state, pod, nodeName);
      if (!status.isSuccess()) return status.withPlugin(p.name);
    }
    return Status.SUCCESS;
  }

  /** Unreserve in reverse order (upstream). */
  runUnreserve(state: CycleState, pod: Pod, nodeName: string): void {
    for (let i = this.plugins.reserve.length - 1; i >= 0; i--) {
      this.plugins.reserve[i]?.unreserve(state, pod, nodeName);
    }
  }

  /** Permit plugins: a rejection wins; otherwise the longest Wait (0 when every plugin allowed). */
  runPermit(state: CycleState, pod: Pod, nodeName: string): { status: Status; waitMs: number } {
    let waitMs = 0;
    for (const p of this.plugins.permit) {
      const { status, timeoutMs } = p.permit(state, pod, nodeName);
      if (status.code === Code.Wait) {
        waitMs = Math.max(waitMs, Math.min(timeoutMs ?? 0, 15 * 60 * 1000));
        continue;
      }
      if (!status.isSuccess()) return { status: status.withPlugin(p.name), waitMs: 0 };
    }
    return { status: Status.SUCCESS, waitMs };
  }

  async runPreBind(state: CycleState, pod: Pod, nodeName: string): Promise<Status> {
    for (const p of this.plugins.preBind) {
      const status = await p.preBind(state, pod, nodeName);
      if (!status.isSuccess()) return status.withPlugin(p.name);
    }
    return Status.SUCCESS;
  }

  async runBind(state: CycleState, pod: Pod, nodeName: string): Promise<Status> {
    for (const p of this.plugins.bind) {
      const status = await p.bind(state, pod, nodeName);
      if (status.isSkip()) continue;
      return status.isSuccess() ? status : status.withPlugin(p.name);
    }
    return Status.error('no bind plugin bound the pod');
  }

  runPostBind(state: CycleState, pod: Pod, nodeName: string): void {
    for (const p of this.plugins.postBind) p.postBind(state, pod, nodeName);
  }

  newCycleState(): CycleState {
    return new CycleState();
  }
}

function invalidScore(plugin: string, score: number): Status {
  return Status.error(
    `plugin "${plugin}" returns an invalid score ${score}, it should in the range of [0, 100] after normalizing`,
  );
}

/** Upstream's wording for PreFilter node sets that leave no node: one plugin by name, several sorted. */
export function unsatisfiedPluginsMessage(plugins: readonly string[]): string {
  if (plugins.length === 1) return `node(s) didn't satisfy plugin ${plugins[0]}`;
  return `node(s) didn't satisfy plugin(s) [${[...plugins].sort().join(' ')}] simultaneously`;
}
