/**
 * The scheduling algorithm of one cycle (upstream schedulePod): PreFilter over every node; the nominated node
 * first when the pod has one; Filter until enough feasible nodes are found (a percentage of the cluster,
 * adaptive by default, starting where the previous cycle stopped so every node gets its turn); PreScore and
 * Score on the feasible ones; the highest total wins, ties broken at random.
 */
import type { Pod } from '../api/core/v1/pod.js';
import type { CycleState } from './framework/cycle-state.js';
import { type Framework, type PreFilterOutcome, unsatisfiedPluginsMessage } from './framework/framework.js';
import type { NodeInfoLister } from './framework/interfaces.js';
import type { NodeInfo } from './framework/node-info.js';
import type { NodeTotals } from './framework/node-totals.js';
import { Status } from './framework/status.js';
import { type Diagnosis, FitError } from './fit-error.js';

/** Fewer nodes than this are all filtered (upstream minFeasibleNodesToFind). */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** The adaptive percentage never drops below this (upstream minFeasibleNodesPercentageToFind). */
export const MIN_FEASIBLE_NODES_PERCENTAGE = 5;

export type FindNodeResult =
  | { readonly kind: 'node'; readonly node: string; readonly evaluated: number; readonly feasible: number }
  | { readonly kind: 'unschedulable'; readonly fitError: FitError }
  | { readonly kind: 'error'; readonly status: Status };

/** The nodes Filter rejected in one cycle, in the order filtered, with their statuses. */
interface Rejections {
  readonly nodes: NodeInfo[];
  readonly statuses: Status[];
}

function newDiagnosis(): Diagnosis {
  return { nodeStatuses: new Map(), unschedulablePlugins: new Set(), preFilterMessage: '', postFilterMessage: '' };
}

/**
 * Why no node fits: nodes PreFilter left out get the "didn't satisfy plugin" status (and the plugins that
 * narrowed count as rejecting), then each filtered node its Filter status.
 */
function failedDiagnosis(all: readonly NodeInfo[], pre: PreFilterOutcome, rejected: Rejections): Diagnosis {
  const diagnosis = newDiagnosis();
  if (pre.nodeNames !== undefined) {
    const names = pre.nodeNames;
    const absent = Status.unresolvable(unsatisfiedPluginsMessage(pre.narrowedBy ?? []));
    for (const n of all) if (!names.has(n.name)) diagnosis.nodeStatuses.set(n.name, absent);
    for (const plugin of pre.narrowedBy ?? []) diagnosis.unschedulablePlugins.add(plugin);
  }
  for (let i = 0; i < rejected.nodes.length; i++) {
    const status = rejected.statuses[i] as Status;
    diagnosis.nodeStatuses.set((rejected.nodes[i] as NodeInfo).name, status);
    if (status.plugin !== '') diagnosis.unschedulablePlugins.add(status.plugin);
  }
  return diagnosis;
}

/** How many feasible nodes to look for among `numAllNodes` (upstream numFeasibleNodesToFind). */
export function numFeasibleNodesToFind(percentage: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let pct = percentage;
  if (pct <= 0) {
    pct = 50 - Math.trunc(numAllNodes / 125);
    if (pct < MIN_FEASIBLE_NODES_PERCENTAGE) pct = MIN_FEASIBLE_NODES_PERCENTAGE;
  }
  const num = Math.trunc((numAllNodes * pct) / 100);
  return num < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : num;
}

export class NodeFinder {
  private nextStartNodeIndex = 0;

  constructor(private readonly random: () => number = Math.random) {}

  find(fwk: Framework, state: CycleState, pod: Pod, snapshot: NodeInfoLister, percentage: number): FindNodeResult {
    const all = snapshot.list();
    if (all.length === 0) return { kind: 'error', status: Status.error('no nodes available to schedule pods') };
    const pre = fwk.runPreFilter(state, pod, all);
    if (!pre.status.isSuccess()) {
      if (!pre.status.isRejected()) return { kind: 'error', status: pre.status };
      const diagnosis = newDiagnosis();
      for (const n of all) diagnosis.nodeStatuses.set(n.name, pre.status);
      diagnosis.preFilterMessage = pre.status.message();
      if (pre.status.plugin !== '') diagnosis.unschedulablePlugins.add(pre.status.plugin);
      return { kind: 'unschedulable', fitError: new FitError(all.length, diagnosis) };
    }
    const nominated = pod.status?.nominatedNodeName;
    if (nominated) {
      const info = snapshot.get(nominated);
      if (info !== undefined && (pre.nodeNames === undefined || pre.nodeNames.has(nominated))) {
        const status = fwk.runFilterWithNominatedPods(state, pod, info);
        if (status.isSuccess()) return { kind: 'node', node: nominated, evaluated: 1, feasible: 1 };
      }
    }
    let nodes: readonly NodeInfo[] = all;
    // Positions in `all` are rows of the snapshot's totals; a narrowed list has other positions, so goes without.
    let totals = snapshot.totals?.();
    if (pre.nodeNames !== undefined) {
      const names = pre.nodeNames;
      nodes = all.filter((n) => names.has(n.name));
      totals = undefined;
    }
    // Rejections are only collected here: the diagnosis is built when no node fits (a found node needs their number).
    const rejected: Rejections = { nodes: [], statuses: [] };
    const positions: number[] = [];
    const wanted = numFeasibleNodesToFind(percentage, nodes.length);
    const feasible = this.filter(fwk, state, pod, nodes, wanted, rejected, totals, positions);
    if (feasible instanceof Status) return { kind: 'error', status: feasible };
    if (feasible.length === 0) {
      return { kind: 'unschedulable', fitError: new FitError(all.length, failedDiagnosis(all, pre, rejected)) };
    }
    const evaluated = feasible.length + (all.length - nodes.length) + rejected.nodes.length;
    if (feasible.length === 1) return { kind: 'node', node: (feasible[0] as NodeInfo).name, evaluated, feasible: 1 };
    const preScore = fwk.runPreScore(state, pod, feasible);
    if (!preScore.isSuccess()) return { kind: 'error', status: preScore };
    const scores = fwk.runScore(state, pod, feasible, totals, positions);
    if (scores instanceof Status) return { kind: 'error', status: scores };
    return { kind: 'node', node: this.selectHost(feasible, scores), evaluated, feasible: feasible.length };
  }

  private filter(
    fwk: Framework,
    state: CycleState,
    pod: Pod,
    nodes: readonly NodeInfo[],
    wanted: number,
    rejected: Rejections,
    /** The snapshot's totals, `nodes` being its whole list; the feasible nodes' positions go to `positions`. */
    totals: NodeTotals | undefined,
    positions: number[],
  ): NodeInfo[] | Status {
    const feasible: NodeInfo[] = [];
    const n = nodes.length;
    if (n === 0) return feasible;
    const start = this.nextStartNodeIndex % n;
    // Without nominated pods anywhere, Filter with them is Filter alone: skip the per-node look-up.
    const withNominated = fwk.mayHaveNominatedPods();
    let processed = 0;
    let index = start;
    for (let i = 0; i < n; i++) {
      const position = index;
      const node = nodes[index] as NodeInfo;
      if (++index === n) index = 0;
      processed++;
      const status = withNominated
        ? fwk.runFilterWithNominatedPods(state, pod, node, totals, position)
        : fwk.runFilter(state, pod, node, totals, position);
      if (status.isSuccess()) {
        feasible.push(node);
        positions.push(position);
        if (feasible.length >= wanted) break;
        continue;
      }
      if (!status.isRejected()) return status;
      rejected.nodes.push(node);
      rejected.statuses.push(status);
    }
    this.nextStartNodeIndex = (start + processed) % n;
    return feasible;
  }

  /** The node with the highest total; among equals, each is equally likely (reservoir sampling). */
  private selectHost(nodes: readonly NodeInfo[], totals: Float64Array): string {
    let best = 0;
    let bestScore = totals[0] as number;
    let ties = 1;
    for (let i = 1; i < nodes.length; i++) {
      const s = totals[i] as number;
      if (s > bestScore) {
        bestScore = s;
        best = i;
        ties = 1;
      } else if (s === bestScore) {
        ties++;
        if (this.random() * ties < 1) best = i;
      }
    }
    return (nodes[best] as NodeInfo).name;
  }
}
