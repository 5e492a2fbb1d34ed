/**
 * A CronJob's schedule as the controller reads it (upstream formatSchedule + cron.ParseStandard): a valid
 * spec.timeZone becomes a `TZ=` prefix; a schedule that carries `TZ=`/`CRON_TZ=` itself (which the API
 * server no longer accepts, but older objects may have) is used as is, with an UnsupportedSchedule warning;
 * anything else runs in the controller's own zone.
 */
import type { CronJob } from '../../api/batch/v1/cron-job.js';
import { EventType, type EventRecorder } from '../../client/record/event-recorder.js';
import { CronJobEventReason, withCronJobTypeMeta } from './cronjob-api.js';
import { type CronParseResult, parseCronSchedule } from './cron-schedule.js';
import type { ScheduleState } from './schedule-times.js';
import { TimeZone } from './time-zone.js';

/** The schedule text to parse; records the UnsupportedSchedule warning when `recorder` is given. */
export function formatSchedule(cj: CronJob, recorder?: EventRecorder): string {
  const schedule = cj.spec?.schedule ?? '';
  if (schedule.includes('TZ')) {
    recorder?.event(
      withCronJobTypeMeta(cj),
      EventType.Warning,
      CronJobEventReason.UnsupportedSchedule,
      `CRON_TZ or TZ used in schedule "${schedule}" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
    );
    return schedule;
  }
  const zone = cj.spec?.timeZone;
  if (zone !== undefined && zone !== null && TimeZone.load(zone) !== undefined) return `TZ=${zone} ${schedule}`;
  return schedule;
}

/** The CronJob's schedule, parsed; schedules without a zone run in `localZone`. */
export function parseCronJobSchedule(cj: CronJob, localZone: TimeZone, recorder?: EventRecorder): CronParseResult {
  return parseCronSchedule(formatSchedule(cj, recorder), localZone);
}

/** What the due-time computation reads of a CronJob. */
export function scheduleState(cj: CronJob): ScheduleState {
  const created = Date.parse(cj.metadata?.creationTimestamp ?? '');
  const last = cj.status?.lastScheduleTime ? Date.parse(cj.status.lastScheduleTime) : undefined;
  const deadline = cj.spec?.startingDeadlineSeconds;
  return {
    creationMs: Number.isFinite(created) ? created : 0,
    lastScheduleMs: last !== undefined && Number.isFinite(last) ? last : undefined,
    startingDeadlineSeconds: deadline === null ? undefined : deadline,
  };
}
