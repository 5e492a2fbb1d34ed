/**
 * InterPodAffinity (upstream pkg/scheduler/framework/plugins/interpodaffinity): required and preferred pod
 * affinity and anti-affinity, of the incoming pod and of the pods already running, by topology domain.
 * PreFilter/Filter enforce the required terms; PreScore/Score/NormalizeScore rank nodes by the preferred terms
 * (and by existing pods' required affinity, weighted by `hardPodAffinityWeight`).
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import type { ClusterEvent } from '../../framework/cluster-event.js';
import { type CycleState, CycleStateKey } from '../../framework/cycle-state.js';
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
import { AffinityInterner } from './affinity-interner.js';
import { type InterPodAffinityArgs, parseInterPodAffinityArgs } from './args.js';
import { interPodAffinityEvents } from './events.js';
import { buildPreFilterState, filterNode, PreFilterState } from './filtering.js';
import { buildPreScoreState, normalizeScores, type PreScoreState, scoreNode } from './scoring.js';
import type { NamespaceLabelsLookup } from './term-matching.js';

export type { InterPodAffinityArgs } from './args.js';
export {
  ERR_REASON_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
} from './filtering.js';

export const NAME = 'InterPodAffinity';

/** CycleState keys, as upstream names them. */
export const PRE_FILTER_STATE_KEY = `PreFilter${NAME}`;
export const PRE_SCORE_STATE_KEY = `PreScore${NAME}`;

type SkippableResult = { status: Status; result?: PreFilterResult };

export class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NAME;
  private readonly preFilterState = new CycleStateKey<PreFilterState>(PRE_FILTER_STATE_KEY);
  private readonly preScoreState = new CycleStateKey<PreScoreState>(PRE_SCORE_STATE_KEY);
  readonly preFilterExtensions: PreFilterExtensions;
  private readonly args: Required<InterPodAffinityArgs>;
  private readonly namespaceLabels: NamespaceLabelsLookup;
  private readonly events: readonly ClusterEvent[];
  /** Shared terms and pod identities of the pods this plugin has seen, with per-cycle match memos. */
  private readonly interner = new AffinityInterner();

  /** @throws Error when `args` is not a valid InterPodAffinityArgs (see parseInterPodAffinityArgs). */
  constructor(
    args: unknown,
    private readonly handle: Handle,
  ) {
    this.args = parseInterPodAffinityArgs(args);
    this.namespaceLabels = (ns) => handle.namespaceLabels(ns);
    this.events = interPodAffinityEvents(this.namespaceLabels);
    this.preFilterExtensions = {
      addPod: (state, _pod, podInfo, nodeInfo) => this.updateWithPod(state, podInfo, nodeInfo, 1),
      removePod: (state, _pod, podInfo, nodeInfo) => this.updateWithPod(state, podInfo, nodeInfo, -1),
    };
  }

  /**
   * Counts what Filter needs for `pod`. Skip when the pod has no required terms and no existing pod's required
   * anti-affinity matches it (the state is then not written).
   */
  preFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): SkippableResult {
    const snapshot = this.handle.snapshot();
    const withAnti = snapshot.havePodsWithRequiredAntiAffinity();
    const s = buildPreFilterState(pod, nodes, withAnti, this.namespaceLabels, this.interner);
    if (s.isTrivial()) return { status: Status.SKIP };
    state.write(PRE_FILTER_STATE_KEY, s);
    return { status: Status.SUCCESS };
  }

  /** Whether the node satisfies the pod's required (anti-)affinity and the existing pods' anti-affinity. */
  filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status {
    const s = this.preFilterState.read(state);
    if (s === undefined) return missingState(PRE_FILTER_STATE_KEY);
    return filterNode(s, nodeInfo);
  }

  /** Sums the preferred terms' weights per topology pair; Skip when nothing matched. */
  preScore(state: CycleState, pod: Pod, _nodes: readonly NodeInfo[]): Status {
    const s = buildPreScoreState(pod, this.handle.snapshot(), this.args, this.namespaceLabels, this.interner);
    if (s === undefined) return Status.SKIP;
    state.write(PRE_SCORE_STATE_KEY, s);
    return Status.SUCCESS;
  }

  /** The node's raw score (positive for affinity, negative for anti-affinity); NormalizeScore rescales it. */
  score(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): number | Status {
    const s = this.preScoreState.read(state);
    if (s === undefined) return missingState(PRE_SCORE_STATE_KEY);
    return scoreNode(s, nodeInfo);
  }

  /** Min–max scaling of the raw scores to 0…100. */
  normalizeScore(state: CycleState, _pod: Pod, scores: NodeScore[]): Status {
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
    if (s === undefined) return missingState(PRE_SCORE_STATE_KEY);
    normalizeScores(s, scores);
    return Status.SUCCESS;
  }

  eventsToRegister(): readonly ClusterEvent[] {
    return this.events;
  }

  private updateWithPod(state: CycleState, podInfo: PodInfo, nodeInfo: NodeInfo, sign: 1 | -1): Status {
    const s = state.read<PreFilterState>(PRE_FILTER_STATE_KEY);
    if (s === undefined) return missingState(PRE_FILTER_STATE_KEY);
    if (nodeInfo.node === undefined) return Status.error('node not found');
    s.updateWithPod(podInfo, nodeInfo.node, sign, this.namespaceLabels);
    return Status.SUCCESS;
  }
}

function missingState(key: string): Status {
  return Status.error(`error reading "${key}" from cycleState: not found`);
}

/**
 * Builds the plugin from its `pluginConfig` args (undefined: upstream's defaults).
 * @throws Error when the args are invalid, e.g. `hardPodAffinityWeight: Invalid value: 101: not in valid range [0, 100]`.
 */
export const newInterPodAffinity: PluginFactory = (args, handle) => new InterPodAffinity(args, handle);
