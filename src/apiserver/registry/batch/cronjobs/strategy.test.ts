import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CronJobKind } from '../../../../api/batch/v1/cron-job.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, update } from '../../core/validation/strategy-harness.js';
import { cronJobsStrategy } from './strategy.js';

const cronJob = (spec: Record<string, unknown> = {}, name = 'backup'): ApiObject => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name, namespace: 'default' },
  spec: {
    schedule: '0 3 * * *',
    jobTemplate: {
      spec: { template: { spec: { containers: [{ name: 'b', image: 'busybox' }], restartPolicy: 'OnFailure' } } },
    },
    ...spec,
  },
});

describe('cronjobs strategy', () => {
  const cases: { name: string; input: ApiObject; errors: string[] }[] = [
    { name: 'a nightly cron job is valid', input: cronJob(), errors: [] },
    { name: 'a descriptor schedule is valid', input: cronJob({ schedule: '@daily' }), errors: [] },
    { name: 'an explicit time zone is valid', input: cronJob({ timeZone: 'America/New_York' }), errors: [] },
    { name: 'a schedule is required', input: cronJob({ schedule: '' }), errors: ['spec.schedule: Required value'] },
    {
      name: 'a schedule that does not parse is rejected with the parser’s message',
      input: cronJob({ schedule: '0 3 * *' }),
      errors: ['spec.schedule: Invalid value: "0 3 * *": expected exactly 5 fields, found 4: [0 3 * *]'],
    },
    {
      name: 'a time zone belongs in timeZone, not in the schedule',
      input: cronJob({ schedule: 'TZ=UTC 0 3 * * *' }),
      errors: [
        'spec.schedule: Invalid value: "TZ=UTC 0 3 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
      ],
    },
    {
      name: 'an unknown time zone is rejected',
      input: cronJob({ timeZone: 'Mars/Olympus' }),
      errors: ['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus'],
    },
    {
      name: 'the local time zone must be named explicitly',
      input: cronJob({ timeZone: 'Local' }),
      errors: [
        'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
      ],
    },
    {
      name: 'an unknown concurrency policy is rejected',
      input: cronJob({ concurrencyPolicy: 'Queue' }),
      errors: ['spec.concurrencyPolicy: Unsupported value: "Queue": supported values: "Allow", "Forbid", "Replace"'],
    },
    {
      name: 'the job template’s pods may not restart Always',
      input: cronJob({
        jobTemplate: { spec: { template: { spec: { containers: [{ name: 'b', image: 'busybox' }] } } } },
      }),
      errors: ['spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    },
    {
      name: 'the job template may not bring its own selector',
      input: cronJob({
        jobTemplate: {
          spec: {
            selector: { matchLabels: { a: 'b' } },
            template: { spec: { containers: [{ name: 'b', image: 'busybox' }], restartPolicy: 'Never' } },
          },
        },
      }),
      errors: ['spec.jobTemplate.spec.selector: Invalid value: "object": `selector` will be auto-generated'],
    },
    {
      name: 'names longer than 52 characters are rejected',
      input: cronJob({}, 'n'.repeat(53)),
      errors: [`metadata.name: Invalid value: "${'n'.repeat(53)}": must be no more than 52 characters`],
    },
  ];
  for (const c of cases)
    test(c.name, () => assert.deepEqual(create(cronJobsStrategy, CronJobKind, c.input).errors, c.errors));

  test('an update keeps a TZ schedule it already had, and may suspend the cron job', () => {
    const old = stored(cronJobsStrategy, CronJobKind, cronJob());
    (old.spec as Record<string, unknown>).schedule = 'TZ=UTC 0 3 * * *';
    const next = structuredClone(old);
    (next.spec as Record<string, unknown>).suspend = true;
    assert.deepEqual(update(cronJobsStrategy, CronJobKind, next, old).errors, []);
  });
});
