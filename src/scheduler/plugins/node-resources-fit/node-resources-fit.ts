/**
 * NodeResourcesFit (upstream noderesources.Fit): Filter rejects nodes without room for the pod's requests
 * (`Too many pods`, `Insufficient cpu`, `Insufficient memory`, `Insufficient ephemeral-storage`,
 * `Insufficient <resource>`); Score ranks the rest by a configurable strategy — LeastAllocated (default),
 * MostAllocated or RequestedToCapacityRatio — over configurable resources. PreFilter and PreScore compute the
 * pod's side once; Filter and Score read the node's totals from its NodeInfo. The PreFilter state is never
 * changed by adding or removing pods, so the plugin has no PreFilter extensions (upstream returns nil).
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import type { ClusterEvent } from '../../framework/cluster-event.js';
import { type CycleState, CycleStateKey } from '../../framework/cycle-state.js';
import type {
  EnqueueExtensions,
  FilterPlugin,
  PluginFactory,
  PreFilterPlugin,
  PreFilterResult,
  PreScorePlugin,
  ScorePlugin,
} from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { NodeTotals } from '../../framework/node-totals.js';
import { Status } from '../../framework/status.js';
import { type FitConfig, parseFitArgs } from './fit-args.js';
import { fitEvents } from './fit-events.js';
import { filterRequest, filterRequestAt, MisfitStatuses } from './fits-request.js';
import { computePodResourceRequest, type PodResourceRequest } from './pod-resource-request.js';
import { ResourceAllocationScorer } from './resource-allocation-scorer.js';
import { strategyScorer } from './scoring-strategies.js';

export { type NodeResourcesFitArgs, ScoringStrategyType, type UtilizationShapePoint } from './fit-args.js';
export { fits, type InsufficientResource } from './fits-request.js';

export const NAME = 'NodeResourcesFit';

/** CycleState key of the pod's requests as Filter checks them. */
export const PRE_FILTER_STATE_KEY = `PreFilter${NAME}`;
/** CycleState key of the pod's requests of the scored resources. */
export const PRE_SCORE_STATE_KEY = `PreScore${NAME}`;

interface PreScoreState {
  /** The pod's (non-zero) request of each scored resource, in the configured order. */
  readonly podRequests: readonly number[];
}

export class NodeResourcesFit implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NAME;
  private readonly statuses = new MisfitStatuses();
  private readonly scorer: ResourceAllocationScorer;
  private readonly preFilterState = new CycleStateKey<PodResourceRequest>(PRE_FILTER_STATE_KEY);
  private readonly preScoreState = new CycleStateKey<PreScoreState>(PRE_SCORE_STATE_KEY);

  constructor(readonly config: FitConfig) {
    this.scorer = new ResourceAllocationScorer(
      config.resources,
      strategyScorer(config.strategy, config.resources, config.shape),
      false,
    );
  }

  /** Sums the pod's requests once for every Filter call of this cycle. Always Success. */
  preFilter(state: CycleState, pod: Pod, _nodes?: readonly NodeInfo[]): { status: Status; result?: PreFilterResult } {
    state.write(PRE_FILTER_STATE_KEY, computePodResourceRequest(pod, this.config.ignored));
    return { status: Status.SUCCESS };
  }

  /** Success when the node has room for the pod; otherwise every resource it lacks, in upstream's order. */
  filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status {
    const req = this.preFilterState.read(state);
    if (req === undefined) return Status.error(`error reading "${PRE_FILTER_STATE_KEY}" from cycleState: not found`);
    return filterRequest(req, nodeInfo, this.statuses);
  }

  /** `filter` from the node's row of the snapshot's totals; undefined for pods requesting scalar resources. */
  filterTotals(state: CycleState, totals: NodeTotals, position: number): Status | undefined {
    const req = this.preFilterState.read(state);
    return req === undefined ? undefined : filterRequestAt(req, totals, position, this.statuses);
  }

  /** Computes the pod's requests of the scored resources once for every Score call. Always Success. */
  preScore(state: CycleState, pod: Pod, _nodes?: readonly NodeInfo[]): Status {
    const preScore: PreScoreState = { podRequests: this.scorer.podRequests(pod) };
    state.write(PRE_SCORE_STATE_KEY, preScore);
    return Status.SUCCESS;
  }

  /** The strategy's score, 0–100 (already normalised: the plugin has no NormalizeScore). */
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    const preScore = this.preScoreState.read(state);
    return this.scorer.score(nodeInfo, preScore?.podRequests ?? this.scorer.podRequests(pod));
  }

  /** `score` from the node's row of the snapshot's totals; undefined when a scalar resource must be read. */
  scoreTotals(state: CycleState, totals: NodeTotals, position: number): number | undefined {
    const preScore = this.preScoreState.read(state);
    return preScore === undefined ? undefined : this.scorer.scoreAt(totals, position, preScore.podRequests);
  }

  /** Pod deleted or scaled down; node added or its allocatable changed (with hints). */
  eventsToRegister(): readonly ClusterEvent[] {
    return fitEvents();
  }
}

/**
 * Builds NodeResourcesFit from its `pluginConfig` args (undefined: upstream's defaults).
 * @throws Error when the args are invalid.
 */
export const newNodeResourcesFit: PluginFactory = (args) => new NodeResourcesFit(parseFitArgs(args));
