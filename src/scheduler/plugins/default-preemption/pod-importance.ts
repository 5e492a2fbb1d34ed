/**
 * How preemption ranks pods (upstream corev1helpers.PodPriority and util.MoreImportantPod): by priority, then
 * by how long they have run — of two pods with the same priority, the one that started first matters more.
 */
import type { Pod } from '../../../api/core/v1/pod.js';

/** The pod's priority; 0 when unset (no PriorityClass admission, as upstream assumes). */
export function podPriority(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}

/** When the pod started (ms); `now` for pods not started yet (assumed, or bound but not running). */
export function podStartTime(pod: Pod, now: number): number {
  const text = pod.status?.startTime;
  if (text === undefined || text === null) return now;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? now : ms;
}

/** Whether `a` matters more than `b`: higher priority, or equal priority and started earlier. */
export function moreImportantPod(a: Pod, b: Pod, now: number): boolean {
  const pa = podPriority(a);
  const pb = podPriority(b);
  if (pa !== pb) return pa > pb;
  return podStartTime(a, now) < podStartTime(b, now);
}

/** Comparator for sorting from most to least important (stable for ties). */
export function byImportance(now: number): (a: Pod, b: Pod) => number {
  return (a, b) => (moreImportantPod(a, b, now) ? -1 : moreImportantPod(b, a, now) ? 1 : 0);
}
