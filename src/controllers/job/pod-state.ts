/**
 * How the Job controller reads its pods: failed (including, unless only failed pods are replaced, pods being
 * deleted before they finished), terminating, ready, when a pod finished, and the order in which active pods
 * are given up first (upstream controller.ActivePods).
 */
import type { Job } from '../../api/batch/v1/job.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { isPodReady, podCondition } from '../framework/pod-conditions.js';
import { onlyReplaceFailedPods } from './job-api.js';

/** Milliseconds of an RFC 3339 time; undefined when absent or unreadable. */
export function timeMs(text: string | undefined | null): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * Failed: phase Failed; or, unless the Job replaces only failed pods, being deleted before it succeeded
 * (an orphaned pod may never reach phase Failed).
 */
export function isPodFailed(pod: Pod, job: Job): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return Boolean(pod.metadata?.deletionTimestamp) && pod.status?.phase !== 'Succeeded';
}

/** Being deleted and not yet terminal (upstream FilterTerminatingPods). */
export function isPodTerminating(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return Boolean(pod.metadata?.deletionTimestamp) && phase !== 'Succeeded' && phase !== 'Failed';
}

export const countReady = (pods: readonly Pod[]): number => pods.filter(isPodReady).length;

/**
 * When the pod finished (upstream getFinishedTime): the last container's finishedAt if every container
 * terminated; else the Ready=False transition; else deletionTimestamp − grace period; else creation.
 */
export function finishedTime(pod: Pod): number {
  const statuses = pod.status?.containerStatuses ?? [];
  let latest: number | undefined;
  let allFinished = statuses.length > 0;
  for (const s of statuses) {
    const at = timeMs(s.state?.terminated?.finishedAt);
    if (at === undefined) {
      allFinished = false;
      break;
    }
    latest = latest === undefined ? at : Math.max(latest, at);
  }
  if (allFinished && latest !== undefined) return latest;
  const ready = podCondition(pod, 'Ready');
  const readyFalseAt = ready?.status === 'False' ? timeMs(ready.lastTransitionTime) : undefined;
  if (readyFalseAt !== undefined) return readyFalseAt;
  const deletedAt = timeMs(pod.metadata?.deletionTimestamp);
  if (deletedAt !== undefined) return deletedAt - (pod.metadata?.deletionGracePeriodSeconds ?? 0) * 1000;
  return timeMs(pod.metadata?.creationTimestamp) ?? 0;
}

const PHASE_ORDER: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

const maxRestarts = (pod: Pod): number =>
  Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));

/** t1 after t2, where a missing time counts as after every other time. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

/**
 * Whether `a` is given up before `b` (upstream ActivePods.Less): unscheduled before scheduled; Pending before
 * Unknown before Running; not ready before ready; ready more recently first; more restarts first; newer first.
 */
export function giveUpBefore(a: Pod, b: Pod): boolean {
  const nodeA = a.spec?.nodeName ?? '';
  const nodeB = b.spec?.nodeName ?? '';
  if (nodeA !== nodeB && (nodeA === '' || nodeB === '')) return nodeA === '';
  const phaseA = PHASE_ORDER[a.status?.phase ?? ''] ?? 0;
  const phaseB = PHASE_ORDER[b.status?.phase ?? ''] ?? 0;
  if (phaseA !== phaseB) return phaseA < phaseB;
  const readyA = isPodReady(a);
  if (readyA !== isPodReady(b)) return !readyA;
  if (readyA) {
    const ta = timeMs(podCondition(a, 'Ready')?.lastTransitionTime);
    const tb = timeMs(podCondition(b, 'Ready')?.lastTransitionTime);
    if (ta !== tb) return afterOrZero(ta, tb);
  }
  const restartsA = maxRestarts(a);
  const restartsB = maxRestarts(b);
  if (restartsA !== restartsB) return restartsA > restartsB;
  const ca = timeMs(a.metadata?.creationTimestamp);
  const cb = timeMs(b.metadata?.creationTimestamp);
  if (ca !== cb) return afterOrZero(ca, cb);
  return false;
}

/** `pods` sorted so that the ones to give up first come first (a new array). */
export const byGiveUpOrder = (pods: readonly Pod[]): Pod[] =>
  [...pods].sort((a, b) => (giveUpBefore(a, b) ? -1 : giveUpBefore(b, a) ? 1 : 0));
