/**
 * The Job controller's arithmetic, free of I/O: how many pods a Job wants active, when it is complete, when
 * it has failed too often (including container restarts under restartPolicy OnFailure), and when its
 * activeDeadlineSeconds runs out.
 */
import type { Job } from '../../api/batch/v1/job.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { isJobSuspended } from './job-api.js';
import { timeMs } from './pod-state.js';

/**
 * Pods the Job wants running: with completions, the remaining completions capped at parallelism; without,
 * parallelism until the first success, after which whatever runs is left running.
 */
export function wantActive(job: Job, succeeded: number, active: number): number {
  const parallelism = job.spec?.parallelism ?? 1;
  const completions = job.spec?.completions;
  if (completions === undefined || completions === null) return succeeded > 0 ? active : parallelism;
  return Math.max(0, Math.min(completions - succeeded, parallelism));
}

/**
 * Complete: with completions, that many succeeded and nothing is active; without, any pod succeeded and
 * nothing is active (each pod can tell that the work is done).
 */
export function isComplete(job: Job, succeeded: number, active: number): boolean {
  const completions = job.spec?.completions;
  if (completions === undefined || completions === null) return succeeded > 0 && active === 0;
  return succeeded >= completions && active === 0;
}

/**
 * restartPolicy OnFailure: the container restarts of running and pending pods reached backoffLimit (any
 * restart, with a limit of 0).
 */
export function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const pod of pods) {
    const phase = pod.status?.phase;
    if (phase !== 'Running' && phase !== 'Pending') continue;
    for (const s of pod.status?.initContainerStatuses ?? []) restarts += s.restartCount ?? 0;
    for (const s of pod.status?.containerStatuses ?? []) restarts += s.restartCount ?? 0;
  }
  const limit = job.spec?.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/**
 * Milliseconds left of activeDeadlineSeconds at `nowMs` (≤ 0: past it); undefined without a deadline, a
 * start time, or while suspended (a suspended Job's deadline does not run).
 */
export function activeDeadlineRemainingMs(job: Job, nowMs: number): number | undefined {
  const seconds = job.spec?.activeDeadlineSeconds;
  const started = timeMs(job.status?.startTime);
  if (seconds === undefined || seconds === null || started === undefined || isJobSuspended(job)) return undefined;
  return seconds * 1000 - (nowMs - started);
}

/** Past activeDeadlineSeconds at `nowMs`. */
export function pastActiveDeadline(job: Job, nowMs: number): boolean {
  const remaining = activeDeadlineRemainingMs(job, nowMs);
  return remaining !== undefined && remaining <= 0;
}
