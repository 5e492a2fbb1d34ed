/** CronJob validation (upstream's ValidateCronJobCreate/Update and validateCronJobSpec). */
import { type FieldError, FieldPath, invalid, notSupported, required } from '../../../../machinery/field-errors.js';
import type { ApiObject } from '../../strategy.js';
import { isSet, obj, text } from '../../apps/validation/json.js';
import { nonNegative } from '../../apps/validation/numbers.js';
import { jobSpecErrors } from '../jobs/job-spec-validation.js';
import { cronScheduleError } from './cron-schedule.js';
import { timeZoneError, wellFormedTimeZone } from './time-zone.js';

const SPEC = FieldPath.root('spec');

/** The controller names Jobs `<cronjob>-<11 characters>`, and Job names are at most 63 characters. */
export const MAX_CRONJOB_NAME_LENGTH = 52;

function scheduleErrors(schedule: string, timeZone: unknown, allowTZInSchedule: boolean): FieldError[] {
  const path = SPEC.child('schedule');
  const errs: FieldError[] = [];
  const parseError = cronScheduleError(schedule);
  if (parseError !== undefined) errs.push(invalid(path, schedule, parseError));
  if (allowTZInSchedule && schedule.includes('TZ') && isSet(timeZone)) {
    errs.push(invalid(path, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  } else if (!allowTZInSchedule && schedule.includes('TZ')) {
    errs.push(invalid(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  return errs;
}

/** Upstream's validateTimeZone. */
export function timeZoneErrors(timeZone: unknown): FieldError[] {
  if (!isSet(timeZone)) return [];
  const path = SPEC.child('timeZone');
  const zone = text(timeZone);
  if (zone === '') return [invalid(path, zone, 'timeZone must be nil or non-empty string')];
  if (!wellFormedTimeZone(zone)) return [invalid(path, zone, `unknown time zone ${zone}`)];
  if (zone.toLowerCase() === 'local') {
    return [
      invalid(path, zone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'),
    ];
  }
  const err = timeZoneError(zone);
  return err === undefined ? [] : [invalid(path, zone, err)];
}

/** Upstream's ValidateJobTemplateSpec: a JobSpec whose selector the Job controller generates. */
function jobTemplateErrors(templateValue: unknown): FieldError[] {
  const path = SPEC.child('jobTemplate', 'spec');
  const spec = obj(obj(templateValue).spec);
  const errs = jobSpecErrors(spec, path);
  if (isSet(spec.selector))
    errs.push(invalid(path.child('selector'), spec.selector, '`selector` will be auto-generated'));
  if (spec.manualSelector === true) errs.push(notSupported(path.child('manualSelector'), true, ['nil', 'false']));
  return errs;
}

/** Upstream's validateCronJobSpec; `oldSpec` is given on update. */
export function cronJobSpecErrors(specValue: unknown, oldSpecValue?: unknown): FieldError[] {
  const spec = obj(specValue);
  const oldSpec = oldSpecValue === undefined ? undefined : obj(oldSpecValue);
  const schedule = text(spec.schedule);
  const errs: FieldError[] = [];
  if (schedule === '') errs.push(required(SPEC.child('schedule')));
  else errs.push(...scheduleErrors(schedule, spec.timeZone, text(oldSpec?.schedule).includes('TZ')));
  errs.push(...nonNegative(spec.startingDeadlineSeconds, SPEC.child('startingDeadlineSeconds')));
  if (oldSpec === undefined || oldSpec.timeZone !== spec.timeZone) errs.push(...timeZoneErrors(spec.timeZone));
  const policy = text(spec.concurrencyPolicy);
  if (policy === '') errs.push(required(SPEC.child('concurrencyPolicy')));
  else if (!['Allow', 'Forbid', 'Replace'].includes(policy)) {
    errs.push(notSupported(SPEC.child('concurrencyPolicy'), policy, ['Allow', 'Forbid', 'Replace']));
  }
  errs.push(...jobTemplateErrors(spec.jobTemplate));
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, SPEC.child('successfulJobsHistoryLimit')));
  errs.push(...nonNegative(spec.failedJobsHistoryLimit, SPEC.child('failedJobsHistoryLimit')));
  return errs;
}

/** Upstream's ValidateCronJobCreate (metadata aside): the spec, and a name short enough for its Jobs. */
export function cronJobCreateErrors(cronJob: ApiObject): FieldError[] {
  const errs = cronJobSpecErrors(cronJob.spec);
  const name = text(obj(cronJob.metadata).name);
  if (name.length > MAX_CRONJOB_NAME_LENGTH) {
    errs.push(invalid(FieldPath.root('metadata').child('name'), name, 'must be no more than 52 characters'));
  }
  return errs;
}
