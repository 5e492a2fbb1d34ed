/**
 * The CronJob controller against a real skiff server. Time is a FakeClock the test moves: the controller
 * computes due activations from it and sleeps on it, so a `* * * * *` schedule fires when the test says.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { CronJob } from '../../api/batch/v1/cron-job.js';
import type { Job } from '../../api/batch/v1/job.js';
import { FakeClock } from '../../client/clock/fake-clock.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import {
  type BatchCluster,
  eventsAbout,
  runControllers,
  type RunningControllers,
  sleepMs,
  startBatchCluster,
  waitFor,
} from '../job/batch-test-cluster.js';
import { CRON_JOBS, JOBS, SCHEDULED_TIMESTAMP_ANNOTATION } from './cronjob-api.js';
import { NAME, newCronJobController } from './cronjob-controller.js';

const NS = 'default';
const MINUTE = 60_000;

function cronJob(name: string, spec: Record<string, unknown> = {}): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule: '* * * * *',
      jobTemplate: {
        metadata: { labels: { app: name }, annotations: { note: 'from the template' } },
        spec: {
          template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } },
        },
      },
      ...spec,
    },
  } as CronJob;
}

const rfc3339 = (ms: number): string => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

describe('CronJob controller', () => {
  let c: BatchCluster;
  let cronJobs: ResourceClient<CronJob>;
  let jobs: ResourceClient<Job>;
  let running: RunningControllers | undefined;
  let clock: FakeClock;

  before(async () => {
    c = await startBatchCluster();
    cronJobs = c.client.resource<CronJob>(CRON_JOBS);
    jobs = c.client.resource<Job>(JOBS);
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    // Each test's controller starts from a clean slate: no CronJob of an earlier test wakes it.
    for (const cj of (await cronJobs.list(NS)).items) await cronJobs.delete(NS, cj.metadata?.name ?? '');
  });
  after(async () => c?.stop());

  /** Runs the controller on a fresh FakeClock standing at the real time. */
  async function start(): Promise<RunningControllers> {
    clock = new FakeClock(Date.now());
    running = await runControllers(c.client, [newCronJobController], clock);
    return running;
  }

  /** Waits until the controller has gone to sleep until a later time, and returns when it will wake. */
  const sleepingUntil = (): Promise<number> =>
    waitFor('the controller to sleep', async () => clock.nextTimerAt() ?? false);

  const ownedJobs = async (owner: CronJob): Promise<Job[]> =>
    (await jobs.list(NS)).items.filter((j) => j.metadata?.ownerReferences?.[0]?.uid === owner.metadata?.uid);

  /** Marks `job` finished the way the Job controller would. */
  async function finish(job: Job, type: 'Complete' | 'Failed', at: number): Promise<void> {
    const fresh = await jobs.get(NS, job.metadata?.name ?? '');
    const when = rfc3339(at);
    fresh.status = {
      startTime: when,
      ...(type === 'Complete' ? { completionTime: when, succeeded: 1 } : { failed: 1 }),
      conditions: [
        {
          type: type === 'Complete' ? 'SuccessCriteriaMet' : 'FailureTarget',
          status: 'True',
          lastTransitionTime: when,
        },
        { type, status: 'True', lastTransitionTime: when },
      ],
    };
    await jobs.updateStatus(NS, fresh);
  }

  test('the controller is called cronjob', () => assert.equal(NAME, 'cronjob'));

  test('an every-minute CronJob creates its Job when the minute comes, and notices it complete', async () => {
    const ctl = await start();
    const cj = await cronJobs.create(NS, cronJob('minutely'));
    const created = Date.parse(cj.metadata?.creationTimestamp ?? '');
    const due = Math.floor(created / MINUTE) * MINUTE + MINUTE;
    const wake = await sleepingUntil();
    assert.equal(wake, due + 100, 'it sleeps until just after the next minute');
    assert.deepEqual(await ownedJobs(cj), []);

    clock.setTime(wake);
    const name = `minutely-${due / MINUTE}`;
    const job = await waitFor('the Job of the minute', () => jobs.get(NS, name));
    assert.deepEqual(job.metadata?.labels, { app: 'minutely' });
    assert.equal(job.metadata?.annotations?.['note'], 'from the template');
    assert.equal(job.metadata?.annotations?.[SCHEDULED_TIMESTAMP_ANNOTATION], rfc3339(due));
    assert.deepEqual(job.metadata?.ownerReferences, [
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        name: 'minutely',
        uid: cj.metadata?.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    const active = await waitFor('the Job in status.active', async () => {
      const fresh = await cronJobs.get(NS, 'minutely');
      return (fresh.status?.active ?? []).length === 1 && fresh;
    });
    assert.equal(active.status?.lastScheduleTime, rfc3339(due));
    assert.deepEqual(
      {
        kind: active.status?.active?.[0]?.kind,
        name: active.status?.active?.[0]?.name,
        uid: active.status?.active?.[0]?.uid,
      },
      { kind: 'Job', name, uid: job.metadata?.uid },
    );
    assert.ok(eventsAbout(ctl.events, 'minutely').includes(`SuccessfulCreate: Created job ${name}`));

    await finish(job, 'Complete', due + 5_000);
    const seen = await waitFor('the completion seen', async () => {
      const fresh = await cronJobs.get(NS, 'minutely');
      return (fresh.status?.active ?? []).length === 0 && Boolean(fresh.status?.lastSuccessfulTime) && fresh;
    });
    assert.equal(seen.status?.lastSuccessfulTime, rfc3339(due + 5_000));
    assert.ok(
      eventsAbout(ctl.events, 'minutely').includes(`SawCompletedJob: Saw completed job: ${name}, status: Complete`),
    );
  });

  test('Forbid skips an activation while a Job runs; Replace deletes the running Job for the new one', async () => {
    const ctl = await start();
    const cj = await cronJobs.create(NS, cronJob('exclusive', { concurrencyPolicy: 'Forbid' }));
    clock.setTime(await sleepingUntil());
    await waitFor('the first Job', async () => (await ownedJobs(cj)).length === 1);
    await waitFor(
      'it in status.active',
      async () => ((await cronJobs.get(NS, 'exclusive')).status?.active ?? []).length === 1,
    );
    clock.setTime(clock.now() + MINUTE);
    await waitFor('the skipped activation reported', async () =>
      eventsAbout(ctl.events, 'exclusive').includes(
        'JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid',
      ),
    );
    assert.equal((await ownedJobs(cj)).length, 1);

    await cronJobs.patch(NS, 'exclusive', 'merge', { spec: { concurrencyPolicy: 'Replace' } });
    const [first] = await ownedJobs(cj);
    clock.setTime(clock.now() + MINUTE);
    await waitFor('the replacement', async () => {
      const live = (await ownedJobs(cj)).filter((j) => !j.metadata?.deletionTimestamp);
      return live.length === 1 && live[0]?.metadata?.name !== first?.metadata?.name;
    });
    assert.ok(
      eventsAbout(ctl.events, 'exclusive').includes(`SuccessfulDelete: Deleted job ${first?.metadata?.name ?? ''}`),
    );
  });

  test('a suspended CronJob starts nothing', async () => {
    await start();
    const cj = await cronJobs.create(NS, cronJob('asleep', { suspend: true }));
    clock.setTime(clock.now() + 3 * MINUTE);
    await sleepMs(300);
    assert.deepEqual(await ownedJobs(cj), []);
    assert.equal(clock.nextTimerAt(), undefined, 'a suspended CronJob is not looked at again on a timer');
    await cronJobs.patch(NS, 'asleep', 'merge', { spec: { suspend: false } });
    await waitFor('a Job once resumed', async () => (await ownedJobs(cj)).length === 1);
  });

  test('after a long outage only the latest activation runs, with a warning about the missed ones', async () => {
    const ctl = await start();
    clock.setTime(clock.now() + 200 * MINUTE);
    const cj = await cronJobs.create(NS, cronJob('outage'));
    const latest = Math.floor(clock.now() / MINUTE) * MINUTE;
    const job = await waitFor('the latest Job', () => jobs.get(NS, `outage-${latest / MINUTE}`));
    assert.equal(job.metadata?.annotations?.[SCHEDULED_TIMESTAMP_ANNOTATION], rfc3339(latest));
    assert.equal((await ownedJobs(cj)).length, 1);
    assert.ok(
      eventsAbout(ctl.events, 'outage').includes(
        'TooManyMissedTimes: too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
      ),
    );
  });

  test('finished Jobs beyond the history limits are deleted, oldest first', async () => {
    const ctl = await start();
    const cj = await cronJobs.create(
      NS,
      cronJob('history', { suspend: true, successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 0 }),
    );
    const owner = { apiVersion: 'batch/v1', kind: 'CronJob', name: 'history', uid: cj.metadata?.uid, controller: true };
    const base = Date.now() - 10 * MINUTE;
    const made: [string, 'Complete' | 'Failed', number][] = [
      ['history-old', 'Complete', base],
      ['history-new', 'Complete', base + MINUTE],
      ['history-failed', 'Failed', base + 2 * MINUTE],
    ];
    for (const [name, type, at] of made) {
      const template = cj.spec?.jobTemplate?.spec ?? {};
      const created = await jobs.create(NS, {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name, ownerReferences: [owner] },
        spec: template,
      } as Job);
      await finish(created, type, at);
    }
    await waitFor('the old ones deleted', async () => {
      const names = (await ownedJobs(cj)).filter((j) => !j.metadata?.deletionTimestamp).map((j) => j.metadata?.name);
      return names.length === 1 && names[0] === 'history-new';
    });
    const events = eventsAbout(ctl.events, 'history');
    assert.ok(events.includes('SuccessfulDelete: Deleted job history-old'), events.join('\n'));
    assert.ok(events.includes('SuccessfulDelete: Deleted job history-failed'), events.join('\n'));
  });
});
