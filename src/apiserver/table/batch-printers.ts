/** Job and CronJob printers: COMPLETIONS, DURATION, STATUS; SCHEDULE, TIMEZONE, SUSPEND, ACTIVE, LAST SCHEDULE. */
import { at, int, list, optInt, optStr, optTime, rec, str } from './accessors.js';
import { AGE, CONTAINERS, IMAGES, NAME, column, selectorColumn } from './columns.js';
import { humanDuration, since } from './duration.js';
import { age, boolPtr, containerCells, name } from './format.js';
import { formatLabelSelectorAt } from './labels.js';
import type { Cell, Printer } from './types.js';

/** Whether the job's first condition of `type` is True (upstream looks no further than the first). */
function hasJobCondition(job: unknown, type: string): boolean {
  const condition = list(job, 'status', 'conditions').find((c) => str(c, 'type') === type);
  return condition !== undefined && str(condition, 'status') === 'True';
}

/** `succeeded/completions`; without completions, `succeeded/1`, or `succeeded/1 of parallelism` when parallel. */
function completions(job: unknown): string {
  const succeeded = int(job, 'status', 'succeeded');
  const wanted = optInt(job, 'spec', 'completions');
  if (wanted !== undefined) return `${succeeded}/${wanted}`;
  const parallelism = int(job, 'spec', 'parallelism');
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** From start to completion, or to now while running; empty before the job starts. */
function jobDuration(job: unknown, now: Date): string {
  const start = optTime(job, 'status', 'startTime');
  if (start === undefined) return '';
  const end = optTime(job, 'status', 'completionTime');
  return humanDuration((end ?? now.getTime()) - start);
}

function jobStatus(job: unknown): string {
  if (hasJobCondition(job, 'Complete')) return 'Complete';
  if (hasJobCondition(job, 'Failed')) return 'Failed';
  if (at(job, 'metadata', 'deletionTimestamp') != null) return 'Terminating';
  if (hasJobCondition(job, 'Suspended')) return 'Suspended';
  if (hasJobCondition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

export const jobPrinter: Printer = {
  columns: [
    NAME,
    column('Status', 'string', 'The state of the job: Running, Complete, Failed, Suspended, Terminating.'),
    column('Completions', 'string', 'Pods that succeeded, out of the completions wanted.'),
    column('Duration', 'string', 'Time required to complete the job.'),
    AGE,
    CONTAINERS,
    IMAGES,
    selectorColumn('The label query over the pods of the job (spec.selector).'),
  ],
  cells(job, now): Cell[] {
    return [
      name(job),
      jobStatus(job),
      completions(job),
      jobDuration(job, now),
      age(job, now),
      ...containerCells(rec(job, 'spec', 'template', 'spec')),
      formatLabelSelectorAt(job, 'spec', 'selector'),
    ];
  },
};

export const cronJobPrinter: Printer = {
  columns: [
    NAME,
    column('Schedule', 'string', 'The schedule, in cron format.'),
    column('Timezone', 'string', 'The time zone the schedule is read in.'),
    column('Suspend', 'boolean', 'Whether new runs are suspended.'),
    column('Active', 'integer', 'The number of running jobs.'),
    column('Last Schedule', 'string', 'How long ago a job was last scheduled.'),
    AGE,
    CONTAINERS,
    IMAGES,
    selectorColumn('The label query over the pods of the jobs (spec.jobTemplate.spec.selector).'),
  ],
  cells(cronJob, now): Cell[] {
    const lastSchedule =
      at(cronJob, 'status', 'lastScheduleTime') == null
        ? '<none>'
        : since(optTime(cronJob, 'status', 'lastScheduleTime'), now);
    return [
      name(cronJob),
      str(cronJob, 'spec', 'schedule'),
      optStr(cronJob, 'spec', 'timeZone') ?? '<none>',
      boolPtr(cronJob, 'spec', 'suspend'),
      list(cronJob, 'status', 'active').length,
      lastSchedule,
      age(cronJob, now),
      ...containerCells(rec(cronJob, 'spec', 'jobTemplate', 'spec', 'template', 'spec')),
      formatLabelSelectorAt(cronJob, 'spec', 'jobTemplate', 'spec', 'selector'),
    ];
  },
};
