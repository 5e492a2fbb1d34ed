/**
 * The fewest pods to evict from one node so that the preemptor fits there (upstream SelectVictimsOnNode):
 * remove every lower-priority pod, check that the preemptor fits, then put pods back — budget-violating ones
 * first, each group most important first — keeping each one that still leaves room for the preemptor.
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { Handle } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Code, Status } from '../../framework/status.js';
import { filterPodsWithPdbViolation, type PdbBudget } from './pdb-violation.js';
import { byImportance, podPriority } from './pod-importance.js';

export const ERR_NO_VICTIMS = 'No preemption victims found for incoming pod';

export interface VictimSelection {
  /** Pods to evict, most important first (empty unless `status` is Success). */
  readonly victims: readonly Pod[];
  /** How many of them violate a PodDisruptionBudget. */
  readonly numPdbViolations: number;
  /**
   * Success; UnschedulableAndUnresolvable `No preemption victims found for incoming pod` when the node has no
   * lower-priority pod; the Filter status when the preemptor does not fit even without them; Error when a
   * PreFilter extension failed.
   */
  readonly status: Status;
}

/** Whether `victim` may be evicted for `preemptor`: only pods of strictly lower priority may. */
export function isPreemptionAllowed(victim: Pod, preemptor: Pod): boolean {
  return podPriority(victim) < podPriority(preemptor);
}

/**
 * Chooses victims on `nodeInfo` for `pod`. `state` and `nodeInfo` must be copies owned by this call: both are
 * modified (pods removed and re-added, PreFilter state updated through the handle's extensions).
 */
export function selectVictimsOnNode(
  handle: Handle,
  state: CycleState,
  pod: Pod,
  nodeInfo: NodeInfo,
  budgets: readonly PdbBudget[],
  now: number,
): VictimSelection {
  const fail = (status: Status): VictimSelection => ({ victims: [], numPdbViolations: 0, status });
  const potential: PodInfo[] = [];
  for (const info of nodeInfo.pods) if (isPreemptionAllowed(info.pod, pod)) potential.push(info);
  if (potential.length === 0) return fail(Status.unresolvable(ERR_NO_VICTIMS));

  for (const info of potential) {
    const error = removePod(handle, state, pod, info, nodeInfo);
    if (error !== undefined) return fail(error);
  }
  const fits = handle.runFilterPluginsWithNominatedPods(state, pod, nodeInfo);
  if (!fits.isSuccess()) return fail(fits);

  const order = byImportance(now);
  const infoOrder = (a: PodInfo, b: PodInfo): number => order(a.pod, b.pod);
  potential.sort(infoOrder);
  const { violating, nonViolating } = filterPodsWithPdbViolation(potential, budgets);

  const victims: PodInfo[] = [];
  // Puts `info` back; keeps it evicted (and returns false) when the preemptor no longer fits.
  const reprieve = (info: PodInfo): boolean | Status => {
    nodeInfo.addPod(info);
    const added = handle.runPreFilterExtensionAddPod(state, pod, info, nodeInfo);
    if (!added.isSuccess()) return asError(added);
    if (handle.runFilterPluginsWithNominatedPods(state, pod, nodeInfo).isSuccess()) return true;
    const error = removePod(handle, state, pod, info, nodeInfo);
    if (error !== undefined) return error;
    victims.push(info);
    return false;
  };
  let numPdbViolations = 0;
  for (const info of violating) {
    const kept = reprieve(info);
    if (kept instanceof Status) return fail(kept);
    if (!kept) numPdbViolations++;
  }
  for (const info of nonViolating) {
    const kept = reprieve(info);
    if (kept instanceof Status) return fail(kept);
  }
  // Both groups were walked in importance order; merged, they need sorting again.
  if (violating.length > 0 && nonViolating.length > 0) victims.sort(infoOrder);
  return { victims: victims.map((v) => v.pod), numPdbViolations, status: Status.SUCCESS };
}

function removePod(handle: Handle, state: CycleState, pod: Pod, info: PodInfo, nodeInfo: NodeInfo): Status | undefined {
  if (!nodeInfo.removePod(info)) return Status.error(`pod ${info.key} is not on node ${nodeInfo.name}`);
  const removed = handle.runPreFilterExtensionRemovePod(state, pod, info, nodeInfo);
  return removed.isSuccess() ? undefined : asError(removed);
}

/** A failed PreFilter extension aborts the simulation on this node as an error, whatever its code. */
function asError(status: Status): Status {
  return status.code === Code.Error ? status : Status.error(status.message());
}
