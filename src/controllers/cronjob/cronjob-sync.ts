/**
 * One sync of one CronJob (upstream ControllerV2.sync): clean up finished Jobs beyond the history limits,
 * reconcile status.active with the Jobs that exist, and, when an activation is due — not suspended, within
 * startingDeadlineSeconds, allowed by concurrencyPolicy (Allow, Forbid, Replace) — create its Job. Returns
 * when to look again (just after the next activation).
 */
import type { CronJob } from '../../api/batch/v1/cron-job.js';
import type { Job } from '../../api/batch/v1/job.js';
import { EventType } from '../../client/record/event-recorder.js';
import { isAlreadyExists, isNotFound } from '../../client/rest/error-predicates.js';
import { StatusError } from '../../machinery/status.js';
import { goQuote } from '../../machinery/validation/go-format.js';
import { isControlledBy } from '../framework/owner-references.js';
import type { ObjectName, ReconcileResult } from '../framework/reconcile-loop.js';
import {
  CronJobEventReason,
  deleteFromActiveList,
  inActiveList,
  inActiveListByName,
  jobFromTemplate,
  jobName,
  jobReference,
  rfc1123z,
  rfc3339,
} from './cronjob-api.js';
import { cleanupFinishedJobs, deleteJob } from './cronjob-job-deletion.js';
import { jobsOfCronJob } from './cronjob-job-index.js';
import { type CronJobControllerParts, event, finishedType, messageOf } from './cronjob-parts.js';
import { parseCronJobSchedule, scheduleState } from './cronjob-schedule.js';
import { nextScheduleDelayMs, nextScheduleTime } from './schedule-times.js';
import { TimeZone } from './time-zone.js';

const isNamespaceTerminating = (err: unknown): boolean =>
  err instanceof StatusError && (err.status.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating');

interface Outcome {
  /** The CronJob to write back (a fresh read may have replaced the sync's copy). */
  readonly cj: CronJob;
  readonly update: boolean;
  readonly requeueAfterMs?: number | undefined;
  readonly error?: unknown;
}

/** status.active against the Jobs that exist; lastSuccessfulTime from succeeded ones. */
async function reconcileActive(parts: CronJobControllerParts, start: CronJob, jobs: readonly Job[]): Promise<Outcome> {
  let cj = start;
  let update = false;
  const children = new Set<string>();
  for (const job of jobs) {
    const uid = job.metadata?.uid ?? '';
    children.add(uid);
    const found = inActiveList(cj, uid);
    const finished = finishedType(job);
    if (!found && finished === undefined) {
      let fresh: CronJob;
      try {
        fresh = await parts.cronJobClient.get(cj.metadata?.namespace ?? '', cj.metadata?.name ?? '');
      } catch (error) {
        return { cj, update, error };
      }
      if (inActiveList(fresh, uid)) {
        cj = fresh;
        continue;
      }
      event(
        parts,
        cj,
        EventType.Warning,
        CronJobEventReason.UnexpectedJob,
        `Saw a job that the controller did not create or forgot: ${job.metadata?.name ?? ''}`,
      );
    } else if (found && finished !== undefined) {
      deleteFromActiveList(cj, uid);
      event(
        parts,
        cj,
        EventType.Normal,
        CronJobEventReason.SawCompletedJob,
        `Saw completed job: ${job.metadata?.name ?? ''}, status: ${finished}`,
      );
      update = true;
    } else if (finished === 'Complete') {
      const status = (cj.status ??= {});
      const completed = job.status?.completionTime;
      if (!status.lastSuccessfulTime) {
        status.lastSuccessfulTime = completed;
        update = true;
      }
      if (completed && status.lastSuccessfulTime && Date.parse(completed) > Date.parse(status.lastSuccessfulTime)) {
        status.lastSuccessfulTime = completed;
        update = true;
      }
    }
  }
  for (const ref of [...(cj.status?.active ?? [])]) {
    if (children.has(ref.uid ?? '')) continue;
    // Ask the server: the cache may simply not have seen the Job yet.
    try {
      await parts.jobClient.get(ref.namespace ?? '', ref.name ?? '');
    } catch (err) {
      if (!isNotFound(err)) return { cj, update, error: err };
      event(parts, cj, EventType.Normal, CronJobEventReason.MissingJob, `Active job went missing: ${ref.name ?? ''}`);
      deleteFromActiveList(cj, ref.uid);
      update = true;
    }
  }
  return { cj, update };
}

/** Creates the Job of a due activation when policy allows (upstream syncCronJob after the bookkeeping). */
async function startDueJob(parts: CronJobControllerParts, cj: CronJob, updateIn: boolean): Promise<Outcome> {
  let update = updateIn;
  const namespace = cj.metadata?.namespace ?? '';
  const timeZone = cj.spec?.timeZone;
  const jobZone = TimeZone.load(timeZone ?? '');
  if (timeZone !== undefined && timeZone !== null && jobZone === undefined) {
    event(
      parts,
      cj,
      EventType.Warning,
      CronJobEventReason.UnknownTimeZone,
      `invalid timeZone: ${goQuote(timeZone)}: unknown time zone ${timeZone}`,
    );
    return { cj, update };
  }
  if (cj.spec?.suspend === true) return { cj, update };
  const schedule = cj.spec?.schedule ?? '';
  const parsed = parseCronJobSchedule(cj, parts.localZone, parts.recorder);
  if (!parsed.ok) {
    event(
      parts,
      cj,
      EventType.Warning,
      CronJobEventReason.UnparseableSchedule,
      `unparseable schedule: ${goQuote(schedule)} : ${parsed.error}`,
    );
    return { cj, update };
  }
  const sched = parsed.schedule;
  const now = parts.clock.now();
  const due = nextScheduleTime(scheduleState(cj), now, sched);
  if (due.tooManyMissed) {
    event(
      parts,
      cj,
      EventType.Warning,
      CronJobEventReason.TooManyMissedTimes,
      'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
    );
  }
  if (due.error !== undefined) {
    event(
      parts,
      cj,
      EventType.Warning,
      CronJobEventReason.InvalidSchedule,
      `invalid schedule: ${schedule} : ${due.error}`,
    );
    return { cj, update };
  }
  const later = (): number | undefined => nextScheduleDelayMs(scheduleState(cj), now, sched);
  const scheduled = due.scheduledMs;
  if (scheduled === undefined) return { cj, update, requeueAfterMs: later() };
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (deadline !== undefined && deadline !== null && scheduled + deadline * 1000 < now) {
    event(
      parts,
      cj,
      EventType.Warning,
      CronJobEventReason.MissSchedule,
      `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`,
    );
    return { cj, update, requeueAfterMs: later() };
  }
  const name = jobName(cj.metadata?.name ?? '', scheduled);
  const last = cj.status?.lastScheduleTime ? Date.parse(cj.status.lastScheduleTime) : undefined;
  if (inActiveListByName(cj, namespace, name) || last === scheduled) return { cj, update, requeueAfterMs: later() };
  const active = cj.status?.active ?? [];
  if (cj.spec?.concurrencyPolicy === 'Forbid' && active.length > 0) {
    // The active list may lag behind, so concurrency is still possible; activations far enough apart avoid it.
    event(
      parts,
      cj,
      EventType.Normal,
      CronJobEventReason.JobAlreadyActive,
      'Not starting job because prior execution is running and concurrency policy is Forbid',
    );
    return { cj, update, requeueAfterMs: later() };
  }
  if (cj.spec?.concurrencyPolicy === 'Replace') {
    for (const ref of active) {
      let job: Job;
      try {
        job = await parts.jobClient.get(ref.namespace ?? '', ref.name ?? '');
      } catch (err) {
        event(parts, cj, EventType.Warning, CronJobEventReason.FailedGet, `Get job: ${messageOf(err)}`);
        return { cj, update, error: err };
      }
      if (!(await deleteJob(parts, cj, job))) {
        return {
          cj,
          update,
          error: new Error(`could not replace job ${job.metadata?.namespace ?? ''}/${job.metadata?.name ?? ''}`),
        };
      }
      update = true;
    }
  }
  const request = jobFromTemplate(cj, scheduled, jobZone ?? TimeZone.UTC);
  let created: Job;
  try {
    created = await parts.jobClient.create(namespace, request);
    event(
      parts,
      cj,
      EventType.Normal,
      CronJobEventReason.SuccessfulCreate,
      `Created job ${created.metadata?.name ?? ''}`,
    );
  } catch (err) {
    // A terminating namespace refuses every creation: nothing to report.
    if (isNamespaceTerminating(err)) return { cj, update, error: err };
    if (!isAlreadyExists(err)) {
      event(parts, cj, EventType.Warning, CronJobEventReason.FailedCreate, `Error creating job: ${messageOf(err)}`);
      return { cj, update, error: err };
    }
    // Created earlier, by us (whose status write was lost) or by someone else.
    try {
      created = await parts.jobClient.get(namespace, name);
    } catch (getErr) {
      return { cj, update, error: getErr };
    }
    if (!isControlledBy(created, cj.metadata?.uid) || inActiveList(cj, created.metadata?.uid)) return { cj, update };
  }
  const status = (cj.status ??= {});
  status.active = [...(status.active ?? []), jobReference(created)];
  status.lastScheduleTime = rfc3339(scheduled);
  return { cj, update: true, requeueAfterMs: later() };
}

/** Syncs the CronJob of `name`. @throws when the status write or a needed read failed (retried with back-off). */
export async function syncCronJob(parts: CronJobControllerParts, name: ObjectName): Promise<ReconcileResult | void> {
  const cached = parts.cronJobs.indexer.getByKey(`${name.namespace}/${name.name}`);
  if (cached === undefined) return;
  const jobs = jobsOfCronJob(parts.jobs, cached);
  const copy = structuredClone(cached);
  copy.status ??= {};
  const cleaned = await cleanupFinishedJobs(parts, copy, jobs);
  let outcome = await reconcileActive(parts, copy, jobs);
  if (outcome.error === undefined && !outcome.cj.metadata?.deletionTimestamp) {
    outcome = await startDueJob(parts, outcome.cj, outcome.update);
  }
  if (cleaned || outcome.update) {
    await parts.cronJobClient.updateStatus(name.namespace, outcome.cj);
  }
  if (outcome.requeueAfterMs !== undefined) return { requeueAfterMs: outcome.requeueAfterMs };
  if (outcome.error !== undefined) throw outcome.error;
}
