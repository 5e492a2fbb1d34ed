/**
 * InterPodAffinity's scoring (upstream interpodaffinity/scoring.go). PreScore sums term weights per topology pair:
 * + for existing pods matching the incoming pod's preferred affinity, − for its preferred anti-affinity, + for
 * existing pods whose required affinity (hardPodAffinityWeight) or preferred affinity matches the incoming pod,
 * − for their preferred anti-affinity. A node's score is the sum over the pairs it belongs to; NormalizeScore
 * rescales min…max to 0…100.
 */
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import { MAX_NODE_SCORE, type NodeInfoLister, type NodeScore } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { type AffinityTerm, newPodInfo, type PodInfo, type WeightedAffinityTerm } from '../../framework/pod-info.js';
import type { AffinityInterner } from './affinity-interner.js';
import { existingTermMatches, incomingTermMatches, type NamespaceLabelsLookup } from './term-matching.js';

/** Summed weights: topology key → topology value → weight. */
export type TopologyScore = Map<string, Map<string, number>>;

/** What PreScore computed for one pod (read-only afterwards, so it needs no clone). */
export interface PreScoreState {
  readonly topologyScore: TopologyScore;
  /** The topology keys of `topologyScore` and their value maps as parallel arrays, for Score's per-node loop. */
  readonly keys: readonly string[];
  readonly byKey: readonly ReadonlyMap<string, number>[];
}

export interface ScoringOptions {
  readonly hardPodAffinityWeight: number;
  readonly ignorePreferredTermsOfExistingPods: boolean;
}

/**
 * The PreScore state of `pod`, or undefined when no term matched anything (upstream then returns Skip), or when
 * existing pods' preferences are ignored and the pod has no preferred terms of its own.
 */
export function buildPreScoreState(
  pod: Pod,
  snapshot: NodeInfoLister,
  options: ScoringOptions,
  namespaceLabels: NamespaceLabelsLookup,
  interner: AffinityInterner,
): PreScoreState | undefined {
  const podInfo = newPodInfo(pod);
  const hasConstraints = podInfo.preferredAffinityTerms.length > 0 || podInfo.preferredAntiAffinityTerms.length > 0;
  if (options.ignorePreferredTermsOfExistingPods && !hasConstraints) return undefined;

  const scorer = new TopologyScorer(podInfo, options, namespaceLabels);
  // Unless the pod has preferred terms of its own, only pods with terms that score others can contribute
  // (upstream walks all pods with affinity terms; those with only required anti-affinity add nothing).
  const nodes = hasConstraints ? snapshot.list() : snapshot.havePodsWithAffinity();
  for (const nodeInfo of nodes) {
    const node = nodeInfo.node;
    if (node === undefined) continue;
    for (const existing of hasConstraints ? nodeInfo.pods : interner.node(nodeInfo).podsWithScoringTerms) {
      scorer.processExistingPod(existing, node);
    }
  }
  if (!scorer.matched) return undefined;
  const topologyScore = scorer.topologyScore;
  return { topologyScore, keys: [...topologyScore.keys()], byKey: [...topologyScore.values()] };
}

/** The node's raw score: the weights of the topology pairs it belongs to. */
export function scoreNode(state: PreScoreState, nodeInfo: NodeInfo): number {
  const labels = nodeInfo.node?.metadata?.labels;
  if (labels === undefined) return 0;
  let score = 0;
  const keys = state.keys;
  for (let i = 0; i < keys.length; i++) {
    const value = labels[keys[i] as string];
    if (value !== undefined) score += state.byKey[i]?.get(value) ?? 0;
  }
  return score;
}

/** Rescales `scores` in place: the lowest becomes 0, the highest MAX_NODE_SCORE (all 0 when they are equal). */
export function normalizeScores(state: PreScoreState, scores: NodeScore[]): void {
  if (state.topologyScore.size === 0) return;
  let min = Infinity;
  let max = -Infinity;
  for (const s of scores) {
    if (s.score > max) max = s.score;
    if (s.score < min) min = s.score;
  }
  const diff = max - min;
  for (const s of scores) {
    // Same operation order as upstream's float64 arithmetic, so truncation gives the same integers.
    s.score = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((s.score - min) / diff)) : 0;
  }
}

class TopologyScorer {
  readonly topologyScore: TopologyScore = new Map();
  /** Whether some term matched on a node that has the term's topology key (upstream: a non-empty map). */
  matched = false;
  private readonly incomingNamespaceLabels: Readonly<Record<string, string>> | undefined;

  constructor(
    private readonly incoming: PodInfo,
    private readonly options: ScoringOptions,
    private readonly namespaceLabels: NamespaceLabelsLookup,
  ) {
    this.incomingNamespaceLabels = namespaceLabels(incoming.pod.metadata?.namespace ?? '');
  }

  processExistingPod(existing: PodInfo, node: Node): void {
    const labels = node.metadata?.labels;
    if (labels === undefined) return;
    const incoming = this.incoming;
    for (const term of incoming.preferredAffinityTerms) {
      if (incomingTermMatches(term, existing.pod, this.namespaceLabels)) this.add(labels, term, term.weight);
    }
    for (const term of incoming.preferredAntiAffinityTerms) {
      if (incomingTermMatches(term, existing.pod, this.namespaceLabels)) this.add(labels, term, -term.weight);
    }
    const hardWeight = this.options.hardPodAffinityWeight;
    if (hardWeight > 0) {
      for (const term of existing.requiredAffinityTerms) this.addIfMatchesIncoming(labels, term, hardWeight);
    }
    for (const term of existing.preferredAffinityTerms) this.addIfMatchesIncoming(labels, term, term.weight);
    for (const term of existing.preferredAntiAffinityTerms) this.addIfMatchesIncoming(labels, term, -term.weight);
  }

  private addIfMatchesIncoming(
    labels: Readonly<Record<string, string>>,
    term: AffinityTerm | WeightedAffinityTerm,
    weight: number,
  ): void {
    if (existingTermMatches(term, this.incoming.pod, this.incomingNamespaceLabels)) this.add(labels, term, weight);
  }

  private add(labels: Readonly<Record<string, string>>, term: AffinityTerm, weight: number): void {
    const value = labels[term.topologyKey];
    if (value === undefined) return;
    let byValue = this.topologyScore.get(term.topologyKey);
    if (byValue === undefined) {
      byValue = new Map();
      this.topologyScore.set(term.topologyKey, byValue);
    }
    byValue.set(value, (byValue.get(value) ?? 0) + weight);
    this.matched = true;
  }
}
