/**
 * PodTopologySpread's soft constraints (whenUnsatisfiable ScheduleAnyway). PreScore counts matching pods per
 * topology domain of the filtered nodes, over all nodes (per-node counts for the hostname key wait for Score);
 * a node's raw score
 * is Σ (count × log(domains + 2) + maxSkew − 1) over the constraints; NormalizeScore inverts it so that the
 * emptiest domains score 100: 100 × (max + min − score) / max.
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import type { CycleState } from '../../framework/cycle-state.js';
import { MAX_NODE_SCORE, type NodeScore } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';
import {
  countMatchingPods,
  hasAllTopologyKeys,
  LABEL_HOSTNAME,
  labelValue,
  podNamespace,
  type SpreadConstraint,
} from './constraints.js';
import { DomainCounter, type DomainCounterCache } from './domain-counter.js';
import { NodeInclusion } from './node-inclusion.js';

export const PRE_SCORE_STATE_KEY = 'PreScorePodTopologySpread';

/** What PreScore computed for one pod; read-only afterwards, so clones share it. */
export class PreScoreState {
  constructor(
    readonly constraints: readonly SpreadConstraint[],
    /** Filtered nodes missing a topology key; they score 0. */
    readonly ignoredNodes: ReadonlySet<string>,
    /** Per constraint: matching pods per topology value of the filtered nodes (empty for the hostname key). */
    readonly podCounts: readonly Map<string, number>[],
    /** Per constraint: log(number of domains + 2), so that counts in small topologies weigh more. */
    readonly normalizingWeights: readonly number[],
    /**
     * Per constraint on the hostname key: a counter of matching pods per node, kept across cycles, so Score
     * need not count the pods of every scored node again (undefined for other keys).
     */
    readonly nodeCounters: readonly (DomainCounter | undefined)[] = [],
  ) {}

  clone(): PreScoreState {
    return this;
  }
}

/** Upstream's topologyNormalizingWeight: log(size + 2). */
export const topologyNormalizingWeight = (size: number): number => Math.log(size + 2);

/** A raw score for `count` matching pods (upstream scoreForCount). */
export const scoreForCount = (count: number, maxSkew: number, weight: number): number => count * weight + (maxSkew - 1);

/**
 * The PreScore state of `constraints` (non-empty) for `pod`. Domains and their weights come from the filtered
 * nodes; counts from all nodes, through `cache`'s counters where node inclusion does not depend on the pod.
 * `requireAllTopologies` (false only for system default constraints) ignores nodes missing a topology key;
 * otherwise such a node's domain is ''.
 */
export function computePreScoreState(
  pod: Pod,
  filteredNodes: readonly NodeInfo[],
  allNodes: readonly NodeInfo[],
  constraints: readonly SpreadConstraint[],
  requireAllTopologies: boolean,
  cache: DomainCounterCache,
): PreScoreState {
  const ignored = new Set<string>();
  const namespace = podNamespace(pod);
  const inclusion = new NodeInclusion(pod);
  const requiredKeys = requireAllTopologies ? [...new Set(constraints.map((c) => c.topologyKey))].sort() : [];
  // Counters over all nodes, per constraint on a key other than the hostname (counted per node below).
  const counters = constraints.map((c) => {
    if (c.topologyKey === LABEL_HOSTNAME) return undefined;
    const query = { namespace, topologyKey: c.topologyKey, selector: c.selector, requiredKeys };
    if (inclusion.isTrivialFor(c)) return { counter: cache.counter(query, allNodes), countsEveryNode: true };
    const counter = new DomainCounter(query, (node) => inclusion.includes(c, node));
    counter.refresh(allNodes);
    return { counter, countsEveryNode: false };
  });
  const domains =
    knownSingleDomains(counters, requireAllTopologies, filteredNodes.length) ??
    domainsOfNodes(filteredNodes, constraints, requireAllTopologies, ignored);
  const weights = constraints.map((c, i) =>
    topologyNormalizingWeight(domains[i]?.size ?? filteredNodes.length - ignored.size),
  );
  // Score counts the pods on the node itself for the hostname key, whatever the inclusion policies (as
  // upstream does): a cached counter holds those counts, recounting only the nodes that changed.
  const nodeCounters = constraints.map((c) =>
    c.topologyKey === LABEL_HOSTNAME
      ? cache.counter({ namespace, topologyKey: LABEL_HOSTNAME, selector: c.selector, requiredKeys: [] }, allNodes)
      : undefined,
  );
  const counts = constraints.map((_c, i) => {
    const values = domains[i];
    const counter = counters[i]?.counter;
    const result = new Map<string, number>();
    if (values === undefined || counter === undefined) return result; // the hostname key: see nodeCounters
    for (const value of values) {
      const id = counter.idOf(value);
      result.set(value, id === undefined ? 0 : (counter.podCounts[id] as number));
    }
    return result;
  });
  return new PreScoreState(constraints, ignored, counts, weights, nodeCounters);
}

/**
 * The domains of the filtered nodes per constraint, read off the counters without visiting the nodes when
 * that is certain: every counter counts every node (system default constraints, no inclusion policy that
 * depends on the pod) and sees one domain only, as in a cluster with one zone or none. Undefined otherwise.
 */
function knownSingleDomains(
  counters: readonly ({ counter: DomainCounter; countsEveryNode: boolean } | undefined)[],
  requireAllTopologies: boolean,
  filteredNodes: number,
): (Set<string> | undefined)[] | undefined {
  if (requireAllTopologies || filteredNodes === 0) return undefined;
  const domains: (Set<string> | undefined)[] = [];
  for (const entry of counters) {
    if (entry === undefined) {
      domains.push(undefined);
      continue;
    }
    const { counter, countsEveryNode } = entry;
    if (!countsEveryNode || counter.liveDomains !== 1) return undefined;
    const id = counter.nodeCounts.findIndex((nodes) => nodes > 0);
    domains.push(new Set([counter.domainNames[id] as string]));
  }
  return domains;
}

/**
 * The domains of the filtered nodes per constraint (undefined for the hostname key), adding to `ignored` the
 * nodes missing a topology key when every key is required.
 */
export function domainsOfNodes(
  filteredNodes: readonly NodeInfo[],
  constraints: readonly SpreadConstraint[],
  requireAllTopologies: boolean,
  ignored: Set<string>,
): (Set<string> | undefined)[] {
  const n = constraints.length;
  const domains: (Set<string> | undefined)[] = constraints.map((c) =>
    c.topologyKey === LABEL_HOSTNAME ? undefined : new Set<string>(),
  );
  for (let k = 0; k < filteredNodes.length; k++) {
    const nodeInfo = filteredNodes[k] as NodeInfo;
    const labels = nodeInfo.node?.metadata?.labels;
    if (requireAllTopologies && !hasAllTopologyKeys(labels, constraints)) {
      ignored.add(nodeInfo.name);
      continue;
    }
    for (let i = 0; i < n; i++) {
      domains[i]?.add(labelValue(labels, (constraints[i] as SpreadConstraint).topologyKey) ?? '');
    }
  }
  return domains;
}

/** The raw score of one node (the fewer matching pods around it, the lower). */
export function scoreNode(state: PreScoreState, pod: Pod, nodeInfo: NodeInfo): number {
  if (state.ignoredNodes.size > 0 && state.ignoredNodes.has(nodeInfo.name)) return 0;
  const labels = nodeInfo.node?.metadata?.labels;
  let score = 0;
  for (let i = 0; i < state.constraints.length; i++) {
    const c = state.constraints[i] as SpreadConstraint;
    const value = labelValue(labels, c.topologyKey);
    if (value === undefined) continue;
    const count =
      c.topologyKey === LABEL_HOSTNAME
        ? (state.nodeCounters[i]?.countOnNode(nodeInfo.name) ??
          countMatchingPods(nodeInfo.pods, c.selector, podNamespace(pod)))
        : ((state.podCounts[i] as Map<string, number>).get(value) ?? 0);
    score += scoreForCount(count, c.maxSkew, state.normalizingWeights[i] as number);
  }
  return Math.round(score);
}

/** Rescales raw scores in place to 0…100, the lowest raw score getting 100; ignored nodes get 0. */
export function normalizeScores(state: PreScoreState, scores: NodeScore[]): void {
  const ignored = state.ignoredNodes;
  const anyIgnored = ignored.size > 0;
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (const s of scores) {
    if (anyIgnored && ignored.has(s.name)) continue;
    if (s.score < min) min = s.score;
    if (s.score > max) max = s.score;
  }
  for (const s of scores) {
    if (anyIgnored && ignored.has(s.name)) s.score = 0;
    else if (max === 0) s.score = MAX_NODE_SCORE;
    else s.score = Math.trunc((MAX_NODE_SCORE * (max + min - s.score)) / max);
  }
}

/** The PreScore state in `cycleState`, or an Error status as upstream reports a missing one. */
export function readPreScoreState(cycleState: CycleState): PreScoreState | Status {
  const state = cycleState.read<unknown>(PRE_SCORE_STATE_KEY);
  if (state instanceof PreScoreState) return state;
  if (state === undefined) return Status.error(`error reading "${PRE_SCORE_STATE_KEY}" from cycleState: not found`);
  return Status.error(`${String(state)}  convert to podtopologyspread.preScoreState error`);
}
