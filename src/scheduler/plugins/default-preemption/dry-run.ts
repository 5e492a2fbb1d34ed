/**
 * The dry run of preemption (upstream DryRunPreemption): simulate victim selection on candidate nodes, starting
 * at `offset` and wrapping around, until enough candidates are found — at least one of them violating no
 * PodDisruptionBudget — or every node was tried.
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { Handle } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Code, Status } from '../../framework/status.js';
import type { PdbBudget } from './pdb-violation.js';
import { ERR_NO_VICTIMS, isPreemptionAllowed, selectVictimsOnNode, type VictimSelection } from './select-victims.js';

/** A node where the preemptor fits once `victims` are gone. */
export interface Candidate {
  readonly name: string;
  /** Most important first. */
  readonly victims: readonly Pod[];
  readonly numPdbViolations: number;
}

export interface DryRunResult {
  /** Candidates violating no budget first, then the others; each group in the order nodes were tried. */
  readonly candidates: Candidate[];
  /** Why each tried node that is no candidate is none. */
  readonly nodeStatuses: Map<string, Status>;
  /** Messages of the Error statuses among `nodeStatuses`. */
  readonly errors: string[];
}

/**
 * Tries `potentialNodes[(offset + i) % n]` for i = 0, 1, …; each try works on clones of the node and of
 * `state`, so neither the snapshot nor the cycle's state changes. Each group of candidates keeps at most
 * `numCandidates`.
 */
export function dryRunPreemption(
  handle: Handle,
  state: CycleState,
  pod: Pod,
  potentialNodes: readonly NodeInfo[],
  budgets: readonly PdbBudget[],
  offset: number,
  numCandidates: number,
  now: number,
): DryRunResult {
  const nonViolating: Candidate[] = [];
  const violating: Candidate[] = [];
  const nodeStatuses = new Map<string, Status>();
  const errors: string[] = [];
  const n = potentialNodes.length;
  for (let i = 0; i < n; i++) {
    const original = potentialNodes[(offset + i) % n] as NodeInfo;
    const name = original.name;
    // A node without lower-priority pods needs no copies to be ruled out.
    const selection = hasPotentialVictim(original, pod)
      ? selectVictimsOnNode(handle, state.clone(), pod, original.clone(), budgets, now)
      : NO_VICTIMS;
    let status = selection.status;
    if (status.isSuccess() && selection.victims.length > 0) {
      const candidate: Candidate = { name, victims: selection.victims, numPdbViolations: selection.numPdbViolations };
      const group = candidate.numPdbViolations === 0 ? nonViolating : violating;
      if (group.length < numCandidates) group.push(candidate);
      if (nonViolating.length > 0 && nonViolating.length + violating.length >= numCandidates) break;
      continue;
    }
    if (status.isSuccess()) status = Status.error(`expected at least one victim pod on node "${name}"`);
    if (status.code === Code.Error) errors.push(status.message());
    nodeStatuses.set(name, status);
  }
  return { candidates: [...nonViolating, ...violating], nodeStatuses, errors };
}

/** What selectVictimsOnNode answers for a node without lower-priority pods. */
const NO_VICTIMS: VictimSelection = { victims: [], numPdbViolations: 0, status: Status.unresolvable(ERR_NO_VICTIMS) };

function hasPotentialVictim(nodeInfo: NodeInfo, pod: Pod): boolean {
  for (const info of nodeInfo.pods) if (isPreemptionAllowed(info.pod, pod)) return true;
  return false;
}
