/**
 * PrioritySort (upstream plugins/queuesort): the active queue's order — higher `spec.priority` first (a pod
 * without one counts as 0), then the pod that entered the queue earlier.
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import type { PluginFactory, QueuedPodInfo, QueueSortPlugin } from '../../framework/interfaces.js';

export const NAME = 'PrioritySort';

/** PrioritySort takes no arguments. */
export type PrioritySortArgs = undefined;

/** The pod's priority (upstream corev1.PodPriority): `spec.priority`, or 0 when unset. */
export function podPriority(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}

export class PrioritySort implements QueueSortPlugin {
  readonly name = NAME;

  /** Whether `a` goes before `b`: higher priority, or equal priority and an earlier `timestamp`. */
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
    const pa = podPriority(a.podInfo.pod);
    const pb = podPriority(b.podInfo.pod);
    return pa > pb || (pa === pb && a.timestamp < b.timestamp);
  }
}

export const newPrioritySort: PluginFactory = () => new PrioritySort();
