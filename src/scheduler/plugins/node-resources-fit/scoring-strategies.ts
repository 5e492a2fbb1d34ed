/**
 * NodeResourcesFit's scoring strategies, as AllocationScorers over the configured resources (upstream
 * least_allocated.go, most_allocated.go, requested_to_capacity_ratio.go). Each resource the node has scores
 * 0–100; the node's score is their weighted mean. Arithmetic is upstream's integer arithmetic (truncating
 * division), except RequestedToCapacityRatio's final mean, which upstream rounds.
 */
import { MAX_NODE_SCORE } from '../../framework/interfaces.js';
import { MAX_CUSTOM_PRIORITY_SCORE, ScoringStrategyType, type UtilizationShapePoint } from './fit-args.js';
import type { AllocationScorer } from './resource-allocation-scorer.js';
import type { ResourceSpec } from './resource-spec.js';

const MAX_UTILIZATION = 100;

/** Unused share of the capacity, 0–100: the emptier the node, the higher. Over-committed scores 0. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** Used share of the capacity, 0–100: the fuller the node, the higher. Over-committed counts as full. */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  return Math.trunc((Math.min(requested, capacity) * MAX_NODE_SCORE) / capacity);
}

/** The weighted mean of `perResource` over the resources the node has, truncated. */
function weightedMean(weights: readonly number[], perResource: (requested: number, capacity: number) => number) {
  return (requested: Float64Array, allocatable: Float64Array): number => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < weights.length; i++) {
      const capacity = allocatable[i] ?? 0;
      if (capacity === 0) continue;
      const weight = weights[i] ?? 0;
      nodeScore += perResource(requested[i] ?? 0, capacity) * weight;
      weightSum += weight;
    }
    return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
  };
}

/** Favors nodes with fewer requested resources (the default strategy). */
export function leastAllocatedScorer(resources: readonly ResourceSpec[]): AllocationScorer {
  return weightedMean(
    resources.map((r) => r.weight),
    leastRequestedScore,
  );
}

/** Favors nodes with more requested resources (bin packing). */
export function mostAllocatedScorer(resources: readonly ResourceSpec[]): AllocationScorer {
  return weightedMean(
    resources.map((r) => r.weight),
    mostRequestedScore,
  );
}

/**
 * A piecewise-linear function through `shape` (utilizations increasing): the first score below the first
 * point, the last score above the last, linear in between with upstream's truncating integer division.
 */
export function brokenLinearFunction(shape: readonly UtilizationShapePoint[]): (utilization: number) => number {
  const utilizations = shape.map((p) => p.utilization);
  const scores = shape.map((p) => p.score);
  const last = scores[scores.length - 1] ?? 0;
  return (p: number): number => {
    for (let i = 0; i < utilizations.length; i++) {
      const u = utilizations[i] as number;
      if (p > u) continue;
      if (i === 0) return scores[0] as number;
      const u0 = utilizations[i - 1] as number;
      const s0 = scores[i - 1] as number;
      return s0 + Math.trunc((((scores[i] as number) - s0) * (p - u0)) / (u - u0));
    }
    return last;
  };
}

/**
 * Scores each resource by the configured shape of its utilization (shape scores 0–10 scaled to 0–100); the
 * node's score is the rounded weighted mean over the resources that scored above 0.
 */
export function requestedToCapacityRatioScorer(
  resources: readonly ResourceSpec[],
  shape: readonly UtilizationShapePoint[],
): AllocationScorer {
  const scale = MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE;
  const raw = brokenLinearFunction(shape.map((p) => ({ utilization: p.utilization, score: p.score * scale })));
  const weights = resources.map((r) => r.weight);
  const resourceScore = (requested: number, capacity: number): number =>
    capacity === 0 || requested > capacity
      ? raw(MAX_UTILIZATION)
      : raw(Math.trunc((requested * MAX_UTILIZATION) / capacity));
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < weights.length; i++) {
      const capacity = allocatable[i] ?? 0;
      if (capacity === 0) continue;
      const score = resourceScore(requested[i] ?? 0, capacity);
      if (score <= 0) continue;
      const weight = weights[i] ?? 0;
      nodeScore += score * weight;
      weightSum += weight;
    }
    return weightSum === 0 ? 0 : Math.round(nodeScore / weightSum);
  };
}

/** The AllocationScorer of a strategy. */
export function strategyScorer(
  strategy: ScoringStrategyType,
  resources: readonly ResourceSpec[],
  shape: readonly UtilizationShapePoint[],
): AllocationScorer {
  switch (strategy) {
    case ScoringStrategyType.MostAllocated:
      return mostAllocatedScorer(resources);
    case ScoringStrategyType.RequestedToCapacityRatio:
      return requestedToCapacityRatioScorer(resources, shape);
    default:
      return leastAllocatedScorer(resources);
  }
}
