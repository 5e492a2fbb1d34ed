/**
 * Jobs, CronJobs and TTL-after-finished, driven by the real kubectl against `skiff server` with simulated
 * nodes, whose containers exit after `sim.skiff.dev/run-seconds` with `sim.skiff.dev/exit-code`.
 * The CronJob is created first (its first Job comes at the next minute) so the other cases run meanwhile.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestCluster, type TestCluster } from '../support/cluster.js';
import { getJson, listPods } from '../support/pod-views.js';
import { waitFor } from '../support/poll.js';
import { startSim, type SimProcess } from '../support/sim-process.js';

const job = (namespace: string, name: string, spec: string, annotations: string) => `apiVersion: batch/v1
kind: Job
metadata: {name: ${name}, namespace: ${namespace}}
spec:
${spec}
  template:
    metadata:
      annotations: {${annotations}}
    spec:
      restartPolicy: Never
      terminationGracePeriodSeconds: 0
      containers: [{name: work, image: busybox}]
`;

const RUN_1S = 'sim.skiff.dev/run-seconds: "1"';

const cronJob = `apiVersion: batch/v1
kind: CronJob
metadata: {name: every-minute, namespace: cron}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          annotations: {${RUN_1S}}
        spec:
          restartPolicy: Never
          containers: [{name: tick, image: busybox}]
`;

interface RawJob {
  metadata?: { name?: string; ownerReferences?: { kind?: string; name?: string; controller?: boolean }[] };
  status?: {
    succeeded?: number;
    failed?: number;
    active?: number;
    conditions?: { type?: string; status?: string; reason?: string; message?: string }[];
  };
}

describe('batch workloads with kubectl', () => {
  let c: TestCluster;
  let sim: SimProcess;
  let cronCreatedAt = 0;
  before(async () => {
    c = await startTestCluster();
    sim = await startSim(c.kubeconfig, 3, ['--name-prefix', 'b-']);
    await c.ok(['create', 'namespace', 'cron']);
    await c.ok(['apply', '-f', '-'], { input: cronJob });
    cronCreatedAt = Date.now();
  });
  after(async () => {
    await sim?.stop();
    await c?.stop();
  });

  test('a Job whose container exits 0 completes', async () => {
    await c.ok(['create', 'namespace', 'job-ok']);
    await c.ok(['apply', '-f', '-'], { input: job('job-ok', 'once', '  backoffLimit: 2', RUN_1S) });
    const waited = await c.kubectl(['wait', '--for=condition=complete', 'job/once', '-n', 'job-ok', '--timeout=30s']);
    assert.equal(waited.code, 0, waited.stderr);
    assert.match(waited.stdout, /job\.batch\/once condition met/);
    const status = (await getJson<RawJob>(c, ['job', 'once', '-n', 'job-ok'])).status;
    assert.equal(status?.succeeded, 1, JSON.stringify(status));
    assert.equal(status?.active ?? 0, 0, JSON.stringify(status));
    const pods = await listPods(c, 'job-ok', 'job-name=once');
    assert.deepEqual(
      pods.map((p) => [p.phase, p.owners[0]?.kind, p.owners[0]?.name]),
      [['Succeeded', 'Job', 'once']],
    );
    assert.match(await c.ok(['get', 'job', 'once', '-n', 'job-ok']), /^once\s+Complete\s+1\/1\s+/m);
  });

  test('a Job of 3 completions, 2 at a time, completes with 3 succeeded pods', async () => {
    await c.ok(['create', 'namespace', 'job-many']);
    await c.ok(['apply', '-f', '-'], { input: job('job-many', 'many', '  completions: 3\n  parallelism: 2', RUN_1S) });
    const active = await waitFor(
      'the first pods',
      async () => listPods(c, 'job-many', 'job-name=many'),
      (pods) => pods.length > 0,
    );
    assert.ok(active.length <= 2, `parallelism 2, but ${active.length} pods at first`);
    const waited = await c.kubectl(['wait', '--for=condition=complete', 'job/many', '-n', 'job-many', '--timeout=30s']);
    assert.equal(waited.code, 0, waited.stderr);
    const status = (await getJson<RawJob>(c, ['job', 'many', '-n', 'job-many'])).status;
    assert.equal(status?.succeeded, 3, JSON.stringify(status));
    const pods = await listPods(c, 'job-many', 'job-name=many');
    assert.deepEqual(
      pods.map((p) => p.phase),
      ['Succeeded', 'Succeeded', 'Succeeded'],
    );
  });

  test('a Job whose pods exit 1 fails with BackoffLimitExceeded after backoffLimit retries', async () => {
    await c.ok(['create', 'namespace', 'job-fail']);
    const annotations = `${RUN_1S}, sim.skiff.dev/exit-code: "1"`;
    await c.ok(['apply', '-f', '-'], { input: job('job-fail', 'doomed', '  backoffLimit: 1', annotations) });
    const waited = await c.kubectl(['wait', '--for=condition=failed', 'job/doomed', '-n', 'job-fail', '--timeout=60s']);
    assert.equal(waited.code, 0, waited.stderr);
    const status = (await getJson<RawJob>(c, ['job', 'doomed', '-n', 'job-fail'])).status;
    const failed = status?.conditions?.find((cond) => cond.type === 'Failed');
    assert.deepEqual(
      [failed?.status, failed?.reason, failed?.message],
      ['True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    );
    // backoffLimit 1: the first pod and one retry, both Failed, and no more.
    assert.equal(status?.failed, 2, JSON.stringify(status));
    assert.equal(status?.succeeded ?? 0, 0, JSON.stringify(status));
    const pods = await listPods(c, 'job-fail', 'job-name=doomed');
    assert.deepEqual(
      pods.map((p) => p.phase),
      ['Failed', 'Failed'],
    );
    const events = await c.ok(['get', 'events', '-n', 'job-fail', '--field-selector', 'involvedObject.kind=Job']);
    assert.match(events, /BackoffLimitExceeded\s+job\/doomed\s+Job has reached the specified backoff limit/);
  });

  test('a finished Job with ttlSecondsAfterFinished 0 is deleted with its pods', async () => {
    await c.ok(['create', 'namespace', 'job-ttl']);
    await c.ok(['apply', '-f', '-'], { input: job('job-ttl', 'brief', '  ttlSecondsAfterFinished: 0', RUN_1S) });
    const gone = await c.kubectl(['wait', '--for=delete', 'job/brief', '-n', 'job-ttl', '--timeout=30s']);
    assert.equal(gone.code, 0, gone.stderr);
    await waitFor(
      'its pods to go',
      async () => listPods(c, 'job-ttl'),
      (pods) => pods.length === 0,
    );
  });

  test('a CronJob scheduled every minute creates a Job that runs to completion', async () => {
    const deadline = cronCreatedAt + 80_000;
    const jobs = await waitFor(
      'a Job of the CronJob',
      async () => (await getJson<{ items?: RawJob[] }>(c, ['jobs', '-n', 'cron'])).items ?? [],
      (items) => items.length > 0,
      { timeoutMs: Math.max(5_000, deadline - Date.now()), intervalMs: 500 },
    );
    const first = jobs[0];
    const name = first?.metadata?.name ?? '';
    // Named for its scheduled time in minutes since the epoch, owned by the CronJob.
    const minutes = /^every-minute-(\d+)$/.exec(name)?.[1];
    assert.ok(minutes !== undefined, `job name ${name}`);
    assert.deepEqual(
      first?.metadata?.ownerReferences?.map((o) => [o.kind, o.name, o.controller]),
      [['CronJob', 'every-minute', true]],
    );
    const lastSchedule = await waitFor(
      'status.lastScheduleTime',
      async () => c.ok(['get', 'cronjob', 'every-minute', '-n', 'cron', '-o', 'jsonpath={.status.lastScheduleTime}']),
      (t) => t !== '',
      { timeoutMs: 10_000 },
    );
    assert.equal(Date.parse(lastSchedule) / 60_000, Number(minutes), `lastScheduleTime ${lastSchedule}`);
    const done = await c.kubectl(['wait', '--for=condition=complete', `job/${name}`, '-n', 'cron', '--timeout=30s']);
    assert.equal(done.code, 0, done.stderr);
    await waitFor(
      'status.lastSuccessfulTime',
      async () => c.ok(['get', 'cronjob', 'every-minute', '-n', 'cron', '-o', 'jsonpath={.status.lastSuccessfulTime}']),
      (t) => t !== '',
      { timeoutMs: 10_000 },
    );
    assert.match(await c.ok(['get', 'cronjob', '-n', 'cron']), /^every-minute\s+\* \* \* \* \*\s+/m);
  });
});
