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

export class Framework {
  private readonly events = new Map<string, readonly ClusterEvent[]>();

  constructor(
    readonly profileName: string,
    readonly plugins: ProfilePlugins,
    /** Candidates for pods nominated to a node (set by the scheduler). */
    private readonly nominatedPods: (nodeName: string) => readonly PodInfo[] = () => [],
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

  /** Runs Filter plugins in order; the first non-success wins (with its plugin recorded). */
  runFilter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    const skip = state.skipFilterPlugins;
    for (const p of this.plugins.filter) {
      if (skip.size > 0 && skip.has(p.name)) continue;
      const status = p.filter(state, pod, nodeInfo);
      if (status !== Status.SUCCESS && !status.isSuccess()) return status.withPlugin(p.name);
    }
    return Status.SUCCESS;
  }

  /**
   * Filter with the pods nominated to this node counted first (those of priority ≥ the pod's), then without
   * them — the pod must fit both ways (upstream RunFilterPluginsWithNominatedPods).
   */
  runFilterWithNominatedPods(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
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
    return this.runFilter(state, pod, nodeInfo);
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

  /** Total weighted score per node (same order as `nodes`), or an error Status. */
  runScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Float64Array | Status {
    const totals = new Float64Array(nodes.length);
    for (const { plugin, weight } of this.plugins.score) {
      if (state.skipScorePlugins.has(plugin.name)) continue;
      const scores: NodeScore[] = new Array<NodeScore>(nodes.length);
      for (let i = 0; i < nodes.length; i++) {
        const node = nodes[i] as NodeInfo;
        const s = plugin.score(state, pod, node);
        if (typeof s !== 'number') return s.withPlugin(plugin.name);
        scores[i] = { name: node.name, score: s };
      }
      if (plugin.normalizeScore !== undefined) {
        const status = plugin.normalizeScore(state, pod, scores);
        if (!status.isSuccess()) return status.withPlugin(plugin.name);
      }
      for (let i = 0; i < nodes.length; i++) {
        const s = (scores[i] as NodeScore).score;
        if (s > MAX_NODE_SCORE || s < 0) {
          return Status.error(
            `plugin "${plugin.name}" returns an invalid score ${s}, it should in the range of [0, 100] after normalizing`,
          );
        }
        totals[i] = (totals[i] as number) + s * weight;
      }
    }
    return totals;
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

/** Upstream's wording for PreFilter node sets that leave no node: one plugin by name, several sorted. */
export function unsatisfiedPluginsMessage(plugins: readonly string[]): string {
  if (plugins.length === 1) return `node(s) didn't satisfy plugin ${plugins[0]}`;
  return `node(s) didn't satisfy plugin(s) [${[...plugins].sort().join(' ')}] simultaneously`;
}
