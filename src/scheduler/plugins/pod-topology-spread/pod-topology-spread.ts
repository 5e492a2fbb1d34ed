/**
 * PodTopologySpread: spreads pods across topology domains (zones, nodes, …) as their
 * `spec.topologySpreadConstraints` ask — or, for pods without any, as the configured default constraints ask
 * (by default upstream's system defaults, with a selector deduced from the Services and controllers selecting
 * the pod). Hard constraints (DoNotSchedule) filter nodes; soft ones (ScheduleAnyway) score them.
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import type { TopologySpreadConstraint } from '../../../api/core/v1/scheduling.js';
import { ActionType, type ClusterEvent, EventResource } from '../../framework/cluster-event.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type {
  EnqueueExtensions,
  FilterPlugin,
  Handle,
  NodeScore,
  PluginFactory,
  PreFilterExtensions,
  PreFilterPlugin,
  PreFilterResult,
  PreScorePlugin,
  ScorePlugin,
} from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { resolveArgs } from './args.js';
import { parseConstraints, podLabels, type SpreadConstraint, UnsatisfiableAction } from './constraints.js';
import { DomainCounterCache } from './domain-counter.js';
import { defaultSelector, type SelectingObjectListers, selectingObjectListers } from './default-selector.js';
import {
  computePreFilterState,
  filterNode,
  PRE_FILTER_STATE_KEY,
  readPreFilterState,
  updateWithPod,
} from './filtering.js';
import { nodeChangeHint, podChangeHint } from './queueing-hints.js';
import {
  computePreScoreState,
  normalizeScores,
  PRE_SCORE_STATE_KEY,
  PreScoreState,
  readPreScoreState,
  scoreNode,
} from './scoring.js';

export const NAME = 'PodTopologySpread';

export { type PodTopologySpreadArgs, DefaultingType, SYSTEM_DEFAULT_CONSTRAINTS } from './args.js';
export { ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH } from './filtering.js';

/**
 * Builds the plugin from its pluginConfig args (undefined: upstream's defaults).
 * @throws Error when the args are invalid.
 */
export const newPodTopologySpread: PluginFactory = (args, handle) => new PodTopologySpread(args, handle);

export class PodTopologySpread
  implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions
{
  readonly name = NAME;
  private readonly defaultConstraints: readonly TopologySpreadConstraint[];
  private readonly systemDefaulted: boolean;
  /** Created at construction (before the informer factory starts), so that their informers run. */
  private readonly listers: SelectingObjectListers | undefined;
  /**
   * A pod's own constraints, parsed once per pod object (PreFilter, PreScore and queueing hints all ask; API
   * objects are never mutated, a changed pod is a new object).
   */
  private readonly parsedByPod = new WeakMap<Pod, Partial<Record<UnsatisfiableAction, SpreadConstraint[]>>>();
  /** Matching-pod counters shared by consecutive cycles (pods of one workload share their constraints). */
  private readonly counters = new DomainCounterCache();

  /** @throws Error when `args` are invalid. */
  constructor(
    args: unknown,
    private readonly handle: Handle,
  ) {
    const resolved = resolveArgs(args);
    this.defaultConstraints = resolved.defaultConstraints;
    this.systemDefaulted = resolved.systemDefaulted;
    this.listers = this.defaultConstraints.length > 0 ? selectingObjectListers(handle) : undefined;
  }

  /** Counts matching pods per domain for the pod's hard constraints; Skip when it has none. */
  preFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): { status: Status; result?: PreFilterResult } {
    let constraints: readonly SpreadConstraint[];
    try {
      constraints = this.constraintsOf(pod, UnsatisfiableAction.DoNotSchedule);
    } catch (err) {
      return { status: Status.error(`get constraints from pod: ${(err as Error).message}`) };
    }
    if (constraints.length === 0) return { status: Status.SKIP };
    state.write(PRE_FILTER_STATE_KEY, computePreFilterState(pod, nodes, constraints, this.counters));
    return { status: Status.SUCCESS };
  }

  readonly preFilterExtensions: PreFilterExtensions = {
    addPod: (state, podToSchedule, podInfoToAdd, nodeInfo) =>
      this.updatePreFilterState(state, podToSchedule, podInfoToAdd, nodeInfo, 1),
    removePod: (state, podToSchedule, podInfoToRemove, nodeInfo) =>
      this.updatePreFilterState(state, podToSchedule, podInfoToRemove, nodeInfo, -1),
  };

  /** Unschedulable when placing the pod on the node would exceed a constraint's maxSkew. */
  filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status {
    const s = readPreFilterState(state);
    return s instanceof Status ? s : filterNode(s, nodeInfo);
  }

  /** Counts matching pods per domain of the filtered nodes for the soft constraints; Skip when there are none. */
  preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status {
    const allNodes = this.handle.snapshot().list();
    if (allNodes.length === 0) return Status.SKIP;
    let constraints: readonly SpreadConstraint[];
    try {
      constraints = this.constraintsOf(pod, UnsatisfiableAction.ScheduleAnyway);
    } catch (err) {
      return Status.error(`calculating preScoreState: ${(err as Error).message}`);
    }
    if (constraints.length === 0) return Status.SKIP;
    // Only non-system-default rules require every topology key: nodes without a zone still spread by hostname.
    const requireAllTopologies = (pod.spec?.topologySpreadConstraints ?? []).length > 0 || !this.systemDefaulted;
    const s = computePreScoreState(pod, nodes, allNodes, constraints, requireAllTopologies, this.counters);
    state.write(PRE_SCORE_STATE_KEY, s);
    return Status.SUCCESS;
  }

  /** The raw score: matching pods around the node, weighted per topology; lower is better before normalising. */
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number | Status {
    const s = readPreScoreState(state);
    return s instanceof Status ? s : scoreNode(s, pod, nodeInfo);
  }

  normalizeScore(state: CycleState, _pod: Pod, scores: NodeScore[]): Status {
    const s = readPreScoreState(state);
    if (!(s instanceof PreScoreState)) return s;
    normalizeScores(s, scores);
    return Status.SUCCESS;
  }

  /** Assigned pods coming, going or relabelled, and nodes coming, going, relabelled or retainted. */
  eventsToRegister(): readonly ClusterEvent[] {
    const hard = (pod: Pod): readonly SpreadConstraint[] => this.constraintsOf(pod, UnsatisfiableAction.DoNotSchedule);
    return [
      {
        resource: EventResource.Pod,
        actions: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete,
        hint: (pod, oldObj, newObj) => podChangeHint(pod, oldObj, newObj, hard),
      },
      {
        resource: EventResource.Node,
        actions: ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint,
        hint: (pod, oldObj, newObj) => nodeChangeHint(pod, oldObj, newObj, hard),
      },
    ];
  }

  /**
   * The pod's constraints for `action`: its own when it has any, else the default constraints with the
   * selector deduced from the objects selecting it (none when nothing selects it).
   * @throws Error when a labelSelector is invalid.
   */
  constraintsOf(pod: Pod, action: UnsatisfiableAction): readonly SpreadConstraint[] {
    const labels = podLabels(pod);
    const own = pod.spec?.topologySpreadConstraints ?? [];
    const kind = action === UnsatisfiableAction.DoNotSchedule ? 'hard' : 'soft';
    if (own.length > 0) {
      let parsed = this.parsedByPod.get(pod);
      if (parsed === undefined) {
        parsed = {};
        this.parsedByPod.set(pod, parsed);
      }
      const cached = parsed[action];
      if (cached !== undefined) return cached;
      try {
        return (parsed[action] = parseConstraints(own, labels, action));
      } catch (err) {
        throw new Error(`obtaining pod's ${kind} topology spread constraints: ${(err as Error).message}`);
      }
    }
    const defaults = parseConstraints(this.defaultConstraints, labels, action);
    if (defaults.length === 0) return defaults;
    const selector = defaultSelector(pod, this.listers);
    if (selector.isEmpty()) return [];
    return defaults.map((c) => ({ ...c, selector }));
  }

  private updatePreFilterState(
    state: CycleState,
    podToSchedule: Pod,
    podInfo: PodInfo,
    nodeInfo: NodeInfo,
    delta: 1 | -1,
  ): Status {
    const s = readPreFilterState(state);
    // No state: PreFilter skipped this pod (no hard constraints), so there is nothing to keep up to date.
    if (s instanceof Status) return Status.SUCCESS;
    updateWithPod(s, podInfo.pod, podToSchedule, nodeInfo.node, delta);
    return Status.SUCCESS;
  }
}
