/**
 * The Jobs of a CronJob, from an informer index instead of a scan of the namespace: Jobs whose controller
 * is a CronJob, indexed by `<namespace>/<cronjob name>` (upstream matches the controller reference by name).
 */
import type { CronJob } from '../../api/batch/v1/cron-job.js';
import type { Job } from '../../api/batch/v1/job.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import type { KubeObject } from '../../client/kube-object.js';
import { controllerOf } from '../framework/owner-references.js';
import { CRON_JOB_KIND } from './cronjob-api.js';

export const CRONJOB_JOB_INDEX = 'batch.skiff.dev/cronjob-controller';

export function cronJobIndexValues(obj: KubeObject): string[] {
  const ref = controllerOf(obj);
  return ref?.kind === CRON_JOB_KIND ? [`${obj.metadata?.namespace ?? ''}/${ref.name}`] : [];
}

/** Adds the index to the Job informer unless it has it already. */
export function ensureCronJobIndex(jobs: SharedInformer<Job>): void {
  try {
    jobs.indexer.listIndexFuncValues(CRONJOB_JOB_INDEX);
  } catch {
    jobs.addIndexers({ [CRONJOB_JOB_INDEX]: cronJobIndexValues });
  }
}

/** The cached Jobs controlled by a CronJob of `cj`'s name (shared: do not mutate). */
export const jobsOfCronJob = (jobs: SharedInformer<Job>, cj: CronJob): Job[] =>
  jobs.indexer.byIndex(CRONJOB_JOB_INDEX, `${cj.metadata?.namespace ?? ''}/${cj.metadata?.name ?? ''}`);
