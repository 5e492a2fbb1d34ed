/**
 * Whether a pod may preempt at all (upstream PodEligibleToPreemptOthers): not with `preemptionPolicy: Never`,
 * not while its preemption is still running, and not again while victims of its last preemption are still
 * terminating on the node it was nominated to — victims whose eviction is in flight count as terminating.
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import type { NodeInfoLister, NodeStatusMap, PreemptionsInFlight } from '../../framework/interfaces.js';
import { Code } from '../../framework/status.js';
import { isPreemptionAllowed } from './select-victims.js';

/** The DisruptionTarget condition preemption puts on its victims (core/v1 DisruptionTarget, PodReasonPreemptionByScheduler). */
export const DISRUPTION_TARGET = 'DisruptionTarget';
export const REASON_PREEMPTION_BY_SCHEDULER = 'PreemptionByScheduler';

export const NOT_ELIGIBLE_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const NOT_ELIGIBLE_TERMINATING = 'not eligible due to a terminating pod on the nominated node.';

/**
 * Undefined when `pod` may preempt, else why not. A nominated node that Filter found
 * UnschedulableAndUnresolvable (or did not report, which means the same) does not hold the pod back: preempting
 * elsewhere is its only way forward.
 */
export function ineligibilityReason(
  pod: Pod,
  nodes: NodeInfoLister,
  statuses: NodeStatusMap,
  inFlight?: PreemptionsInFlight,
): string | undefined {
  if (pod.spec?.preemptionPolicy === 'Never') return NOT_ELIGIBLE_NEVER;
  // The queue holds a running preemptor; should one get here anyway, it must not preempt a second time.
  if (inFlight?.isPreempting(pod)) return NOT_ELIGIBLE_TERMINATING;
  const nominated = pod.status?.nominatedNodeName ?? '';
  if (nominated === '') return undefined;
  const status = statuses.get(nominated);
  if (status === undefined || status.code === Code.UnschedulableAndUnresolvable) return undefined;
  const nodeInfo = nodes.get(nominated);
  if (nodeInfo === undefined) return undefined;
  for (const info of nodeInfo.pods) {
    if (!isPreemptionAllowed(info.pod, pod)) continue;
    if (podTerminatingByPreemption(info.pod) || inFlight?.isVictim(info.pod)) return NOT_ELIGIBLE_TERMINATING;
  }
  return undefined;
}

/** Whether `pod` is being deleted because the scheduler preempted it (DisruptionTarget=True, PreemptionByScheduler). */
export function podTerminatingByPreemption(pod: Pod): boolean {
  if (!pod.metadata?.deletionTimestamp) return false;
  const condition = pod.status?.conditions?.find((c) => c.type === DISRUPTION_TARGET);
  return condition?.status === 'True' && condition.reason === REASON_PREEMPTION_BY_SCHEDULER;
}
