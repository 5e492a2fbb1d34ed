/**
 * Deleting a CronJob's Jobs (upstream deleteJob and cleanupFinishedJobs): one at a time with background
 * propagation (`SuccessfulDelete` "Deleted job x", or `FailedDelete`), and the oldest finished ones beyond
 * successfulJobsHistoryLimit / failedJobsHistoryLimit (by start time, unstarted last).
 */
import type { CronJob } from '../../api/batch/v1/cron-job.js';
import type { Job } from '../../api/batch/v1/job.js';
import { EventType } from '../../client/record/event-recorder.js';
import { byStartTime, CronJobEventReason, deleteFromActiveList } from './cronjob-api.js';
import { type CronJobControllerParts, event, finishedType, messageOf } from './cronjob-parts.js';

/** Deletes `job` (its pods in the background) and drops it from status.active. Returns whether it went. */
export async function deleteJob(parts: CronJobControllerParts, cj: CronJob, job: Job): Promise<boolean> {
  try {
    await parts.jobClient.delete(job.metadata?.namespace ?? '', job.metadata?.name ?? '', {
      propagationPolicy: 'Background',
    });
  } catch (err) {
    event(parts, cj, EventType.Warning, CronJobEventReason.FailedDelete, `Deleted job: ${messageOf(err)}`);
    return false;
  }
  deleteFromActiveList(cj, job.metadata?.uid);
  event(parts, cj, EventType.Normal, CronJobEventReason.SuccessfulDelete, `Deleted job ${job.metadata?.name ?? ''}`);
  return true;
}

/** Deletes the oldest finished Jobs beyond successfulJobsHistoryLimit and failedJobsHistoryLimit. */
export async function cleanupFinishedJobs(
  parts: CronJobControllerParts,
  cj: CronJob,
  jobs: readonly Job[],
): Promise<boolean> {
  const successLimit = cj.spec?.successfulJobsHistoryLimit;
  const failedLimit = cj.spec?.failedJobsHistoryLimit;
  let update = false;
  const removeOldest = async (list: Job[], limit: number | null | undefined): Promise<void> => {
    if (limit === undefined || limit === null || list.length <= limit) return;
    for (const job of list.sort(byStartTime).slice(0, list.length - limit)) {
      if (await deleteJob(parts, cj, job)) update = true;
    }
  };
  await removeOldest(
    jobs.filter((j) => finishedType(j) === 'Complete'),
    successLimit,
  );
  await removeOldest(
    jobs.filter((j) => finishedType(j) === 'Failed'),
    failedLimit,
  );
  return update;
}
