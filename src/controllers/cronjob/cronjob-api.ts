/**
 * What the CronJob controller shares with the rest of Kubernetes and between its files: resources, the
 * scheduled-timestamp annotation, event reasons, the Job name of an activation (`<cronjob>-<minutes since
 * the epoch>`), status.active bookkeeping, the Job made from the template, and the order in which old Jobs
 * are cleaned up.
 */
import type { CronJob } from '../../api/batch/v1/cron-job.js';
import type { Job } from '../../api/batch/v1/job.js';
import { controllerRef } from '../framework/owner-references.js';
import type { TimeZone } from './time-zone.js';
import { rfc3339 } from '../../machinery/rfc3339.js';

export const CRON_JOBS = { group: 'batch', version: 'v1', resource: 'cronjobs', namespaced: true } as const;
export const JOBS = { group: 'batch', version: 'v1', resource: 'jobs', namespaced: true } as const;

export const BATCH_API_VERSION = 'batch/v1';
export const CRON_JOB_KIND = 'CronJob';

/** Set on each Job: the activation it was created for, in the CronJob's time zone (RFC 3339). */
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

export const CronJobEventReason = {
  SuccessfulCreate: 'SuccessfulCreate',
  FailedCreate: 'FailedCreate',
  SuccessfulDelete: 'SuccessfulDelete',
  FailedDelete: 'FailedDelete',
  FailedGet: 'FailedGet',
  SawCompletedJob: 'SawCompletedJob',
  UnexpectedJob: 'UnexpectedJob',
  MissingJob: 'MissingJob',
  MissSchedule: 'MissSchedule',
  TooManyMissedTimes: 'TooManyMissedTimes',
  JobAlreadyActive: 'JobAlreadyActive',
  UnknownTimeZone: 'UnknownTimeZone',
  UnsupportedSchedule: 'UnsupportedSchedule',
  UnparseableSchedule: 'UnparseableSchedule',
  InvalidSchedule: 'InvalidSchedule',
  UnParseableCronJobSchedule: 'UnParseableCronJobSchedule',
} as const;

export type ObjectReference = NonNullable<NonNullable<CronJob['status']>['active']>[number];

/** The CronJob with apiVersion and kind set (cached objects may lack them; events need them). */
export const withCronJobTypeMeta = (cj: CronJob): CronJob => ({
  ...cj,
  apiVersion: BATCH_API_VERSION,
  kind: CRON_JOB_KIND,
});

/** The deterministic name of the Job for the activation at `scheduledMs`: a second create of it fails. */
export const jobName = (cronJobName: string, scheduledMs: number): string =>
  `${cronJobName}-${Math.floor(scheduledMs / 60_000)}`;

export const inActiveList = (cj: CronJob, uid: string | undefined): boolean =>
  (cj.status?.active ?? []).some((r) => r.uid === uid);

export const inActiveListByName = (cj: CronJob, namespace: string, name: string): boolean =>
  (cj.status?.active ?? []).some((r) => r.name === name && r.namespace === namespace);

/** Removes the reference with `uid` from `cj`'s (own, mutable) status.active. */
export function deleteFromActiveList(cj: CronJob, uid: string | undefined): void {
  const status = (cj.status ??= {});
  status.active = (status.active ?? []).filter((r) => r.uid !== uid);
}

/** The reference status.active keeps of a Job. */
export function jobReference(job: Job): ObjectReference {
  const meta = job.metadata ?? {};
  return {
    kind: 'Job',
    namespace: meta.namespace,
    name: meta.name,
    uid: meta.uid,
    apiVersion: BATCH_API_VERSION,
    resourceVersion: meta.resourceVersion,
  };
}

/**
 * The Job for the activation at `scheduledMs` (upstream getJobFromTemplate2): the template's labels,
 * annotations and spec, the scheduled-timestamp annotation in `zone`, the deterministic name, and a controller
 * reference to the CronJob. Does not mutate `cj`.
 */
export function jobFromTemplate(cj: CronJob, scheduledMs: number, zone: TimeZone): Job {
  const template = cj.spec?.jobTemplate ?? {};
  return {
    apiVersion: BATCH_API_VERSION,
    kind: 'Job',
    metadata: {
      name: jobName(cj.metadata?.name ?? '', scheduledMs),
      labels: { ...(template.metadata?.labels ?? {}) },
      annotations: {
        ...(template.metadata?.annotations ?? {}),
        [SCHEDULED_TIMESTAMP_ANNOTATION]: zone.formatRfc3339(scheduledMs),
      },
      ownerReferences: [controllerRef(cj, BATCH_API_VERSION, CRON_JOB_KIND)],
    },
    spec: structuredClone(template.spec ?? {}) as Job['spec'],
  };
}

/** Jobs by start time, unstarted last, names breaking ties (upstream byJobStartTime): the oldest go first. */
export function byStartTime(a: Job, b: Job): number {
  const sa = a.status?.startTime ? Date.parse(a.status.startTime) : undefined;
  const sb = b.status?.startTime ? Date.parse(b.status.startTime) : undefined;
  if (sa === undefined && sb !== undefined) return 1;
  if (sa !== undefined && sb === undefined) return -1;
  if (sa === sb) return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1;
  return (sa ?? 0) - (sb ?? 0);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z of a UTC instant: `Mon, 02 Jan 2006 15:04:05 +0000`. */
export function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(
    d.getUTCHours(),
  )}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** Kubernetes' second-precision RFC 3339 in UTC. */
export { rfc3339 };
