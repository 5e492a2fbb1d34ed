/**
 * NodeResourcesBalancedAllocation (upstream noderesources.BalancedAllocation): favors nodes whose resources
 * would be used evenly with the pod on them. For each configured resource the node has, the fraction requested
 * (node's requests plus the pod's, capped at 1); the score is (1 − standard deviation of the fractions) × 100.
 * Plain requests are counted, not the non-zero defaults; pods requesting none of the resources are not scored
 * (PreScore returns Skip), so that best-effort pods do not pile onto one node.
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import { type CycleState, CycleStateKey } from '../../framework/cycle-state.js';
import {
  MAX_NODE_SCORE,
  type PluginFactory,
  type PreScorePlugin,
  type ScorePlugin,
} from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { NodeTotals } from '../../framework/node-totals.js';
import { Status } from '../../framework/status.js';
import { ResourceAllocationScorer } from '../node-resources-fit/resource-allocation-scorer.js';
import type { ResourceSpec } from '../node-resources-fit/resource-spec.js';
import { parseBalancedAllocationArgs } from './balanced-allocation-args.js';

export type { NodeResourcesBalancedAllocationArgs } from './balanced-allocation-args.js';

export const NAME = 'NodeResourcesBalancedAllocation';

/** CycleState key of the pod's requests of the balanced resources. */
export const PRE_SCORE_STATE_KEY = `PreScore${NAME}`;

interface PreScoreState {
  readonly podRequests: readonly number[];
}

/**
 * (1 − std) × MAX_NODE_SCORE, truncated, over the resources with allocatable > 0; with two of them the std is
 * half their difference, with one or none it is 0.
 */
export function balancedResourceScore(requested: Float64Array, allocatable: Float64Array): number {
  let count = 0;
  let total = 0;
  let first = 0;
  let second = 0;
  for (let i = 0; i < allocatable.length; i++) {
    const capacity = allocatable[i] ?? 0;
    if (capacity === 0) continue;
    const fraction = Math.min((requested[i] ?? 0) / capacity, 1);
    if (count === 0) first = fraction;
    else if (count === 1) second = fraction;
    total += fraction;
    count++;
  }
  let std = 0;
  if (count === 2) {
    std = Math.abs((first - second) / 2);
  } else if (count > 2) {
    const mean = total / count;
    let sum = 0;
    for (let i = 0; i < allocatable.length; i++) {
      const capacity = allocatable[i] ?? 0;
      if (capacity === 0) continue;
      const deviation = Math.min((requested[i] ?? 0) / capacity, 1) - mean;
      sum += deviation * deviation;
    }
    std = Math.sqrt(sum / count);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export class NodeResourcesBalancedAllocation implements PreScorePlugin, ScorePlugin {
  readonly name = NAME;
  private readonly scorer: ResourceAllocationScorer;
  private readonly preScoreState = new CycleStateKey<PreScoreState>(PRE_SCORE_STATE_KEY);

  constructor(readonly resources: readonly ResourceSpec[]) {
    this.scorer = new ResourceAllocationScorer(resources, balancedResourceScore, true);
  }

  /** Computes the pod's requests once; Skip when it requests none of the resources. */
  preScore(state: CycleState, pod: Pod, _nodes?: readonly NodeInfo[]): Status {
    const podRequests = this.scorer.podRequests(pod);
    if (ResourceAllocationScorer.isBestEffort(podRequests)) return Status.SKIP;
    const preScore: PreScoreState = { podRequests };
    state.write(PRE_SCORE_STATE_KEY, preScore);
    return Status.SUCCESS;
  }

  /** The balance score, 0–100 (already normalised: the plugin has no NormalizeScore). */
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    const preScore = this.preScoreState.read(state);
    if (preScore !== undefined) return this.scorer.score(nodeInfo, preScore.podRequests);
    const podRequests = this.scorer.podRequests(pod);
    return ResourceAllocationScorer.isBestEffort(podRequests) ? 0 : this.scorer.score(nodeInfo, podRequests);
  }

  /** `score` from the node's row of the snapshot's totals; undefined when a scalar resource must be read. */
  scoreTotals(state: CycleState, totals: NodeTotals, position: number): number | undefined {
    const preScore = this.preScoreState.read(state);
    return preScore === undefined ? undefined : this.scorer.scoreAt(totals, position, preScore.podRequests);
  }
}

/**
 * Builds NodeResourcesBalancedAllocation from its `pluginConfig` args (undefined: cpu and memory).
 * @throws Error when the args are invalid.
 */
export const newNodeResourcesBalancedAllocation: PluginFactory = (args) =>
  new NodeResourcesBalancedAllocation(parseBalancedAllocationArgs(args));
