import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cronJobPrinter, jobPrinter } from './batch-printers.js';
import { ago, row } from './testing.js';

const podTemplate = { spec: { containers: [{ name: 'pi', image: 'perl:5.34' }] } };

function job(spec: Record<string, unknown>, status: Record<string, unknown>, metadata: Record<string, unknown> = {}) {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', creationTimestamp: ago(600), ...metadata },
    spec: {
      template: podTemplate,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'a1b2' } },
      ...spec,
    },
    status,
  };
}

describe('Job printer', () => {
  test('a completed job prints its completions, duration and wide columns', () => {
    const done = job(
      { completions: 1 },
      {
        succeeded: 1,
        startTime: ago(600),
        completionTime: ago(600 - 42),
        conditions: [{ type: 'Complete', status: 'True' }],
      },
    );
    assert.deepEqual(row(jobPrinter, done), {
      Name: 'pi',
      Status: 'Complete',
      Completions: '1/1',
      Duration: '42s',
      Age: '10m',
      Containers: 'pi',
      Images: 'perl:5.34',
      Selector: 'batch.kubernetes.io/controller-uid=a1b2',
    });
  });

  const cases: Array<[string, ReturnType<typeof job>, Record<string, string>]> = [
    [
      'a running job’s duration runs to now',
      job({ completions: 5, parallelism: 2 }, { succeeded: 2, active: 2, startTime: ago(5 * 60 + 2) }),
      { Status: 'Running', Completions: '2/5', Duration: '5m2s' },
    ],
    ['a job that has not started has no duration', job({ completions: 3 }, {}), { Completions: '0/3', Duration: '' }],
    [
      'a work-queue job with parallelism prints succeeded/1 of parallelism',
      job({ parallelism: 3 }, { succeeded: 1 }),
      { Completions: '1/1 of 3' },
    ],
    ['a work-queue job without parallelism prints succeeded/1', job({}, {}), { Completions: '0/1' }],
    ['a failed job is Failed', job({}, { conditions: [{ type: 'Failed', status: 'True' }] }), { Status: 'Failed' }],
    [
      'a job being deleted is Terminating unless it finished',
      job({}, {}, { deletionTimestamp: ago(5) }),
      { Status: 'Terminating' },
    ],
    [
      'a suspended job is Suspended',
      job({ suspend: true }, { conditions: [{ type: 'Suspended', status: 'True' }] }),
      { Status: 'Suspended' },
    ],
    [
      'a job about to fail is FailureTarget',
      job({}, { conditions: [{ type: 'FailureTarget', status: 'True' }] }),
      { Status: 'FailureTarget' },
    ],
    [
      'a condition that is not True does not count',
      job({}, { conditions: [{ type: 'Complete', status: 'False' }] }),
      { Status: 'Running' },
    ],
  ];
  for (const [name, obj, want] of cases) {
    test(name, () => {
      const r = row(jobPrinter, obj);
      for (const [column, cell] of Object.entries(want)) assert.equal(r[column], cell, column);
    });
  }
});

describe('CronJob printer', () => {
  const cronJob = (spec: Record<string, unknown>, status: Record<string, unknown>) => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly-report', creationTimestamp: ago(3 * 86400) },
    spec: { schedule: '0 2 * * *', jobTemplate: { spec: { template: podTemplate } }, ...spec },
    status,
  });

  test('a cron job prints its schedule, time zone, suspension, active jobs and last schedule', () => {
    const cj = cronJob(
      { timeZone: 'Europe/Paris', suspend: false },
      { active: [{ name: 'nightly-report-28571' }], lastScheduleTime: ago(4 * 3600) },
    );
    assert.deepEqual(row(cronJobPrinter, cj), {
      Name: 'nightly-report',
      Schedule: '0 2 * * *',
      Timezone: 'Europe/Paris',
      Suspend: 'False',
      Active: 1,
      'Last Schedule': '4h',
      Age: '3d',
      Containers: 'pi',
      Images: 'perl:5.34',
      Selector: '<none>',
    });
  });

  test('a cron job never scheduled and without time zone or suspend prints the placeholders', () => {
    const r = row(cronJobPrinter, cronJob({}, {}));
    assert.deepEqual([r.Timezone, r.Suspend, r.Active, r['Last Schedule']], ['<none>', '<unset>', 0, '<none>']);
  });

  test('a suspended cron job prints True', () => {
    assert.equal(row(cronJobPrinter, cronJob({ suspend: true }, {})).Suspend, 'True');
  });
});
