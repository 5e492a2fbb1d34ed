/**
 * Acting on the chosen node (upstream prepareCandidate): evict the victims, record a `Preempted` event on each,
 * and take the nomination away from lower-priority pods nominated to the same node — they may no longer fit,
 * and clearing it sends them back to the queue to look elsewhere sooner.
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import { EventType } from '../../../client/record/event-recorder.js';
import type { Handle } from '../../framework/interfaces.js';
import { Status } from '../../framework/status.js';
import type { Candidate } from './dry-run.js';
import { podPriority } from './pod-importance.js';
import type { PreemptionActions } from './preemption-actions.js';

export const REASON_PREEMPTED = 'Preempted';

/** `Preempted by pod <uid> on node <node>`, upstream's event message. */
export function preemptedMessage(preemptor: Pod, nodeName: string): string {
  return `Preempted by pod ${preemptor.metadata?.uid ?? ''} on node ${nodeName}`;
}

/**
 * Evicts the candidate's victims in parallel (skipping those already being deleted) and then clears the
 * nomination of lower-priority pods nominated to the node. Success, or Error with the first eviction's failure;
 * failing to clear a nomination is not an error (the pod is retried anyway).
 */
export async function prepareCandidate(
  handle: Handle,
  actions: PreemptionActions,
  candidate: Candidate,
  preemptor: Pod,
): Promise<Status> {
  const message = preemptedMessage(preemptor, candidate.name);
  const evictions = candidate.victims
    .filter((victim) => !victim.metadata?.deletionTimestamp)
    .map(async (victim) => {
      if (await actions.preemptPod(preemptor, victim)) {
        handle.events.event(asPodObject(victim), EventType.Normal, REASON_PREEMPTED, message);
      }
    });
  const failed = (await Promise.allSettled(evictions)).find((r) => r.status === 'rejected');
  if (failed !== undefined) return Status.error(errorMessage(failed.reason));

  const lower = lowerPriorityNominatedPods(handle, preemptor, candidate.name).map((pod) =>
    actions.clearNominatedNodeName(pod),
  );
  await Promise.allSettled(lower);
  return Status.SUCCESS;
}

/** Pods of lower priority than `preemptor` nominated to `nodeName` (upstream getLowerPriorityNominatedPods). */
export function lowerPriorityNominatedPods(handle: Handle, preemptor: Pod, nodeName: string): Pod[] {
  const priority = podPriority(preemptor);
  return handle.nominator
    .nominatedPodsForNode(nodeName)
    .filter((info) => podPriority(info.pod) < priority)
    .map((info) => info.pod);
}

/** Events need apiVersion and kind, which objects from a list or a watch may lack. */
export function asPodObject(pod: Pod): Pod {
  return pod.kind === 'Pod' && pod.apiVersion === 'v1' ? pod : { ...pod, apiVersion: 'v1', kind: 'Pod' };
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
