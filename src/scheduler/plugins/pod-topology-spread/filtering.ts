/**
 * PodTopologySpread's hard constraints (whenUnsatisfiable DoNotSchedule): PreFilter counts the matching pods per
 * topology domain over all nodes (incrementally, see DomainCounter); Filter then checks, per constraint,
 *   matching pods in the node's domain + (1 if the pod matches itself) − global minimum ≤ maxSkew,
 * where the global minimum is 0 while fewer than minDomains domains exist.
 */
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';
import { hasAllTopologyKeys, labelValue, podLabels, podNamespace, type SpreadConstraint } from './constraints.js';
import { CriticalPaths } from './critical-paths.js';
import { DomainCounter, type DomainCounterCache } from './domain-counter.js';
import { DomainCounts } from './domain-counts.js';
import { NodeInclusion } from './node-inclusion.js';

export const PRE_FILTER_STATE_KEY = 'PreFilterPodTopologySpread';

/** Filter's reason when a constraint's skew would exceed maxSkew (Unschedulable). */
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
/** Filter's reason when the node lacks a constraint's topology key (UnschedulableAndUnresolvable). */
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

const CONSTRAINTS_NOT_MATCH = Status.unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
const NODE_LABEL_NOT_MATCH = Status.unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);

/** What PreFilter computed for one pod; preemption clones it and adds or removes pods. */
export class PreFilterState {
  constructor(
    /** The pod's hard constraints (shared between clones: they never change). */
    readonly constraints: readonly SpreadConstraint[],
    /** Per constraint: matching pods per topology domain, over the nodes the constraint counts. */
    readonly matchCounts: DomainCounts[],
    /** Per constraint: the domains with the fewest matching pods. */
    readonly criticalPaths: CriticalPaths[],
    /** Per constraint: 1 when the incoming pod matches the constraint's selector itself. */
    readonly selfMatch: readonly number[],
    /** The incoming pod's node inclusion (shared between clones). */
    readonly inclusion: NodeInclusion,
  ) {}

  /** The global minimum of constraint `i`, taking minDomains into account. */
  minMatchCount(i: number): number {
    const constraint = this.constraints[i] as SpreadConstraint;
    const counts = this.matchCounts[i] as DomainCounts;
    return counts.size < constraint.minDomains ? 0 : (this.criticalPaths[i] as CriticalPaths).min;
  }

  clone(): PreFilterState {
    return new PreFilterState(
      this.constraints,
      this.matchCounts.map((m) => m.clone()),
      this.criticalPaths.map((p) => p.clone()),
      this.selfMatch,
      this.inclusion,
    );
  }
}

/**
 * The PreFilter state of `constraints` (non-empty) for `pod` over `nodes`. A node counts only if it holds every
 * constraint's topology key. Constraints whose node inclusion does not depend on the pod use `cache`'s counters,
 * which recount only the nodes that changed since the last cycle; the others count every node afresh.
 */
export function computePreFilterState(
  pod: Pod,
  nodes: readonly NodeInfo[],
  constraints: readonly SpreadConstraint[],
  cache: DomainCounterCache,
): PreFilterState {
  const namespace = podNamespace(pod);
  const inclusion = new NodeInclusion(pod);
  const requiredKeys = [...new Set(constraints.map((c) => c.topologyKey))].sort();
  const counts: DomainCounts[] = [];
  const paths: CriticalPaths[] = [];
  for (const c of constraints) {
    const query = { namespace, topologyKey: c.topologyKey, selector: c.selector, requiredKeys };
    let counter: DomainCounter;
    if (inclusion.isTrivialFor(c)) {
      counter = cache.counter(query, nodes);
    } else {
      counter = new DomainCounter(query, (node) => inclusion.includes(c, node));
      counter.refresh(nodes);
    }
    const domainCounts = DomainCounts.of(counter);
    counts.push(domainCounts);
    paths.push(domainCounts.criticalPaths());
  }
  const labels = podLabels(pod);
  const selfMatch = constraints.map((c) => (c.selector.matches(labels) ? 1 : 0));
  return new PreFilterState(constraints, counts, paths, selfMatch, inclusion);
}

/** Filter for one node: O(constraints), no allocation. */
export function filterNode(state: PreFilterState, nodeInfo: NodeInfo): Status {
  const constraints = state.constraints;
  if (constraints.length === 0) return Status.SUCCESS;
  const labels = nodeInfo.node?.metadata?.labels;
  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i] as SpreadConstraint;
    const value = labelValue(labels, c.topologyKey);
    if (value === undefined) return NODE_LABEL_NOT_MATCH;
    const matchCount = (state.matchCounts[i] as DomainCounts).get(value);
    const skew = matchCount + (state.selfMatch[i] as number) - state.minMatchCount(i);
    if (skew > c.maxSkew) return CONSTRAINTS_NOT_MATCH;
  }
  return Status.SUCCESS;
}

/**
 * Adds (`delta` 1) or removes (−1) `updatedPod` on `node` in the counts, as preemption simulates it (upstream
 * updateWithPod). Pods of other namespaces, and nodes a constraint does not count, change nothing.
 */
export function updateWithPod(
  state: PreFilterState,
  updatedPod: Pod,
  preemptor: Pod,
  node: Node | undefined,
  delta: 1 | -1,
): void {
  if (node === undefined || podNamespace(updatedPod) !== podNamespace(preemptor)) return;
  const labels = node.metadata?.labels;
  if (!hasAllTopologyKeys(labels, state.constraints)) return;
  const updatedLabels = podLabels(updatedPod);
  state.constraints.forEach((c, i) => {
    if (!c.selector.matches(updatedLabels)) return;
    if (!state.inclusion.includes(c, node)) return;
    const value = labels?.[c.topologyKey] as string;
    const count = (state.matchCounts[i] as DomainCounts).add(value, delta);
    (state.criticalPaths[i] as CriticalPaths).update(value, count);
  });
}

/** The PreFilter state in `cycleState`, or an Error status as upstream reports a missing one. */
export function readPreFilterState(cycleState: CycleState): PreFilterState | Status {
  const state = cycleState.read<unknown>(PRE_FILTER_STATE_KEY);
  if (state instanceof PreFilterState) return state;
  if (state === undefined) return Status.error(`reading "${PRE_FILTER_STATE_KEY}" from cycleState: not found`);
  return Status.error(`${String(state)} convert to podtopologyspread.preFilterState error`);
}
