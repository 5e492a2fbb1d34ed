/**
 * When a finished Job's time to live runs out (upstream timeLeft): `ttlSecondsAfterFinished` after the
 * lastTransitionTime of its true Complete or Failed condition. Pure; times in milliseconds since the epoch.
 */
import type { Job } from '../../api/batch/v1/job.js';

/** A true Complete or Failed condition and a TTL: the Job is the controller's business. */
export function needsCleanup(job: Job): boolean {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  return ttl !== undefined && ttl !== null && finishedCondition(job) !== undefined;
}

function finishedCondition(job: Job) {
  return (job.status?.conditions ?? []).find(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
}

export type TimeLeft = { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly error: string };

/**
 * Milliseconds until the Job expires at `nowMs` (≤ 0: expired). An error (as upstream's) for a Job that
 * needs no cleanup or whose finish time is unknown.
 */
export function timeLeft(job: Job, nowMs: number): TimeLeft {
  const name = `${job.metadata?.namespace ?? ''}/${job.metadata?.name ?? ''}`;
  if (!needsCleanup(job)) return { ok: false, error: `Job ${name} should not be cleaned up` };
  const finished = finishedCondition(job);
  const finishedAt = finished?.lastTransitionTime ? Date.parse(finished.lastTransitionTime) : NaN;
  if (!Number.isFinite(finishedAt))
    return { ok: false, error: `unable to find the time when the Job ${name} finished` };
  const ttlMs = (job.spec?.ttlSecondsAfterFinished ?? 0) * 1000;
  return { ok: true, ms: finishedAt + ttlMs - nowMs };
}
