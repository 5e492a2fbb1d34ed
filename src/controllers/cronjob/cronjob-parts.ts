/**
 * What the CronJob controller's sync works with (caches, clients, events, clock, the local zone), and the
 * small helpers its files share.
 */
import type { CronJob } from '../../api/batch/v1/cron-job.js';
import type { Job } from '../../api/batch/v1/job.js';
import type { Clock } from '../../client/clock/clock.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import type { EventRecorder, EventType } from '../../client/record/event-recorder.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import { withCronJobTypeMeta } from './cronjob-api.js';
import type { TimeZone } from './time-zone.js';

export interface CronJobControllerParts {
  readonly cronJobs: SharedInformer<CronJob>;
  readonly jobs: SharedInformer<Job>;
  readonly cronJobClient: ResourceClient<CronJob>;
  readonly jobClient: ResourceClient<Job>;
  readonly recorder: EventRecorder;
  readonly clock: Clock;
  /** The zone of schedules without spec.timeZone (upstream: the controller manager's local zone). */
  readonly localZone: TimeZone;
}

/** The text of a thrown value. */
export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Complete or Failed, when the Job has finished. */
export function finishedType(job: Job): 'Complete' | 'Failed' | undefined {
  const c = (job.status?.conditions ?? []).find(
    (x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True',
  );
  return c?.type as 'Complete' | 'Failed' | undefined;
}

/** Records an event about `cj`. */
export function event(
  parts: CronJobControllerParts,
  cj: CronJob,
  type: EventType,
  reason: string,
  message: string,
): void {
  parts.recorder.event(withCronJobTypeMeta(cj), type, reason, message);
}
