/** The Job controller against a real skiff server, the kubelet played by the test. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Job } from '../../api/batch/v1/job.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import {
  type BatchCluster,
  eventsAbout,
  finishPod,
  livePods,
  runControllers,
  type RunningControllers,
  setPodRunning,
  startBatchCluster,
  waitFor,
} from './batch-test-cluster.js';
import { JOBS, PODS } from './job-api.js';
import { jobControllerFactory, NAME } from './job-controller.js';

const NS = 'default';

function job(name: string, spec: Record<string, unknown> = {}): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      template: {
        metadata: { labels: { app: name } },
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] },
      },
      ...spec,
    },
  } as Job;
}

const byJob = (name: string): string => `batch.kubernetes.io/job-name=${name}`;

describe('Job controller', () => {
  let c: BatchCluster;
  let controllers: RunningControllers;
  let jobs: ResourceClient<Job>;
  let pods: ResourceClient<Pod>;

  before(async () => {
    c = await startBatchCluster();
    const factory = jobControllerFactory({ syncBatchPeriodMs: 20, podFailureBackoffMs: 100, apiBackoffBaseMs: 50 });
    controllers = await runControllers(c.client, [factory]);
    jobs = c.client.resource<Job>(JOBS);
    pods = c.client.resource<Pod>(PODS);
  });
  after(async () => {
    await controllers?.stop();
    await c?.stop();
  });

  /** Waits for `count` live pods of the Job that have not finished yet. */
  const runningPods = (name: string, count: number): Promise<Pod[]> =>
    waitFor(`${count} unfinished pods of ${name}`, async () => {
      const list = (await livePods(c.client, NS, byJob(name))).filter(
        (p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
      );
      return list.length === count && list;
    });

  const jobWhere = (name: string, what: string, ok: (j: Job) => boolean): Promise<Job> =>
    waitFor(`${name}: ${what}`, async () => {
      const j = await jobs.get(NS, name);
      return ok(j) && j;
    });

  const conditionTypes = (j: Job): string[] => (j.status?.conditions ?? []).map((x) => `${x.type}=${x.status}`);

  test('the controller is called job', () => assert.equal(NAME, 'job'));

  test('a Job of 3 completions, 2 at a time, runs 3 pods to completion and reports it', async () => {
    const created = await jobs.create(NS, job('three', { completions: 3, parallelism: 2 }));
    const uid = created.metadata?.uid ?? '';
    const first = await runningPods('three', 2);
    for (const pod of first) {
      assert.match(pod.metadata?.name ?? '', /^three-[a-z0-9]{5}$/);
      assert.equal(pod.metadata?.labels?.['batch.kubernetes.io/controller-uid'], uid);
      assert.equal(pod.metadata?.labels?.['controller-uid'], uid);
      assert.equal(pod.metadata?.labels?.['job-name'], 'three');
      assert.deepEqual(pod.metadata?.finalizers, ['batch.kubernetes.io/job-tracking']);
      assert.deepEqual(pod.metadata?.ownerReferences, [
        { apiVersion: 'batch/v1', kind: 'Job', name: 'three', uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    await setPodRunning(c.client, first[0] as Pod);
    await jobWhere(
      'three',
      'active 2, ready 1, started',
      (j) => j.status?.active === 2 && j.status.ready === 1 && !!j.status.startTime,
    );
    for (const pod of first) await finishPod(c.client, pod, 0);
    const [last] = await runningPods('three', 1);
    await jobWhere('three', 'succeeded 2', (j) => j.status?.succeeded === 2);
    await finishPod(c.client, last as Pod, 0);
    const done = await jobWhere('three', 'Complete', (j) => conditionTypes(j).includes('Complete=True'));
    assert.equal(done.status?.succeeded, 3);
    assert.equal(done.status?.failed ?? 0, 0);
    assert.equal(done.status?.active, 0);
    assert.equal(done.status?.terminating, 0);
    assert.ok(done.status?.completionTime);
    assert.deepEqual(done.status?.uncountedTerminatedPods?.succeeded ?? [], []);
    const [criteria, complete] = done.status?.conditions ?? [];
    assert.equal(criteria?.type, 'SuccessCriteriaMet');
    assert.equal(criteria?.reason, 'CompletionsReached');
    assert.equal(criteria?.message, 'Reached expected number of succeeded pods');
    assert.equal(complete?.type, 'Complete');
    assert.equal(complete?.reason, 'CompletionsReached');
    assert.equal(complete?.lastTransitionTime, done.status?.completionTime);
    const all = (await pods.list(NS, { labelSelector: byJob('three') })).items;
    assert.equal(all.length, 3);
    assert.ok(
      all.every((p) => (p.metadata?.finalizers ?? []).length === 0),
      'finalizers removed once counted',
    );
    const events = eventsAbout(controllers.events, 'three');
    assert.equal(events.filter((e) => e.startsWith('SuccessfulCreate: Created pod: three-')).length, 3);
    assert.ok(events.includes('Completed: Job completed'), events.join('\n'));
  });

  test('a Job whose pods keep failing stops at its backoffLimit', async () => {
    await jobs.create(NS, job('failing', { backoffLimit: 1 }));
    const [firstPod] = await runningPods('failing', 1);
    await finishPod(c.client, firstPod as Pod, 1);
    const [second] = await runningPods('failing', 1);
    assert.notEqual(second?.metadata?.name, firstPod?.metadata?.name);
    await jobWhere('failing', 'failed 1', (j) => j.status?.failed === 1);
    await finishPod(c.client, second as Pod, 1);
    const failed = await jobWhere('failing', 'Failed', (j) => conditionTypes(j).includes('Failed=True'));
    assert.equal(failed.status?.failed, 2);
    assert.equal(failed.status?.active, 0);
    assert.equal(failed.status?.completionTime, undefined);
    const target = failed.status?.conditions?.find((x) => x.type === 'FailureTarget');
    const final = failed.status?.conditions?.find((x) => x.type === 'Failed');
    assert.equal(target?.reason, 'BackoffLimitExceeded');
    assert.equal(final?.reason, 'BackoffLimitExceeded');
    assert.equal(final?.message, 'Job has reached the specified backoff limit');
    assert.ok(
      eventsAbout(controllers.events, 'failing').includes(
        'BackoffLimitExceeded: Job has reached the specified backoff limit',
      ),
    );
    assert.deepEqual(
      await livePods(c.client, NS, byJob('failing')).then((l) => l.filter((p) => p.status?.phase !== 'Failed')),
      [],
    );
  });

  test('an Indexed Job runs one pod per index and completes when every index succeeded', async () => {
    await jobs.create(NS, job('indexed', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
    const started = await runningPods('indexed', 3);
    const indexes = started.map((p) => p.metadata?.annotations?.['batch.kubernetes.io/job-completion-index']).sort();
    assert.deepEqual(indexes, ['0', '1', '2']);
    for (const pod of started) {
      const ix = pod.metadata?.annotations?.['batch.kubernetes.io/job-completion-index'];
      assert.equal(pod.metadata?.labels?.['batch.kubernetes.io/job-completion-index'], ix);
      assert.equal(pod.spec?.hostname, `indexed-${ix}`);
      assert.match(pod.metadata?.name ?? '', new RegExp(`^indexed-${ix}-[a-z0-9]{5}$`));
      assert.equal(pod.spec?.containers?.[0]?.env?.[0]?.name, 'JOB_COMPLETION_INDEX');
    }
    const byIndex = (i: string): Pod =>
      started.find((p) => p.metadata?.annotations?.['batch.kubernetes.io/job-completion-index'] === i) as Pod;
    await finishPod(c.client, byIndex('1'), 0);
    await jobWhere('indexed', 'index 1 completed', (j) => j.status?.completedIndexes === '1');
    // A failed index is retried with a new pod for the same index.
    await finishPod(c.client, byIndex('0'), 1);
    const retried = await waitFor('a new pod for index 0', async () => {
      const list = await livePods(c.client, NS, byJob('indexed'));
      return list.find(
        (p) =>
          p.metadata?.annotations?.['batch.kubernetes.io/job-completion-index'] === '0' &&
          p.metadata?.uid !== byIndex('0').metadata?.uid,
      );
    });
    await finishPod(c.client, retried, 0);
    await finishPod(c.client, byIndex('2'), 0);
    const done = await jobWhere('indexed', 'Complete', (j) => conditionTypes(j).includes('Complete=True'));
    assert.equal(done.status?.completedIndexes, '0-2');
    assert.equal(done.status?.succeeded, 3);
    assert.equal(done.status?.failed, 1);
  });

  test('with backoffLimitPerIndex an index fails on its own, and the Job fails once every index is decided', async () => {
    await jobs.create(
      NS,
      job('per-index', { completions: 3, parallelism: 3, completionMode: 'Indexed', backoffLimitPerIndex: 1 }),
    );
    const started = await runningPods('per-index', 3);
    const ofIndex = (list: Pod[], i: string): Pod | undefined =>
      list.find((p) => p.metadata?.annotations?.['batch.kubernetes.io/job-completion-index'] === i);
    assert.equal(ofIndex(started, '0')?.metadata?.annotations?.['batch.kubernetes.io/job-index-failure-count'], '0');
    await finishPod(c.client, ofIndex(started, '0') as Pod, 1);
    const retry = await waitFor('a second pod for index 0', async () => {
      const list = (await livePods(c.client, NS, byJob('per-index'))).filter((p) => p.status?.phase !== 'Failed');
      const p = ofIndex(list, '0');
      return p?.metadata?.uid !== ofIndex(started, '0')?.metadata?.uid && p;
    });
    assert.equal(retry.metadata?.annotations?.['batch.kubernetes.io/job-index-failure-count'], '1');
    await finishPod(c.client, retry, 1);
    await jobWhere('per-index', 'index 0 failed', (j) => j.status?.failedIndexes === '0');
    await finishPod(c.client, ofIndex(started, '1') as Pod, 0);
    await finishPod(c.client, ofIndex(started, '2') as Pod, 0);
    const failed = await jobWhere('per-index', 'Failed', (j) => conditionTypes(j).includes('Failed=True'));
    const final = failed.status?.conditions?.find((x) => x.type === 'Failed');
    assert.equal(final?.reason, 'FailedIndexes');
    assert.equal(final?.message, 'Job has failed indexes');
    assert.equal(failed.status?.completedIndexes, '1,2');
    assert.equal(failed.status?.failedIndexes, '0');
  });

  test('a suspended Job runs no pods until resumed, and loses them when suspended again', async () => {
    await jobs.create(NS, job('paused', { suspend: true, parallelism: 2, completions: 4 }));
    const suspended = await jobWhere('paused', 'Suspended', (j) => conditionTypes(j).includes('Suspended=True'));
    assert.equal(suspended.status?.startTime, undefined);
    assert.deepEqual(await livePods(c.client, NS, byJob('paused')), []);
    const condition = suspended.status?.conditions?.find((x) => x.type === 'Suspended');
    assert.equal(condition?.reason, 'JobSuspended');
    assert.equal(condition?.message, 'Job suspended');
    await jobs.patch(NS, 'paused', 'merge', { spec: { suspend: false } });
    await runningPods('paused', 2);
    const resumed = await jobWhere('paused', 'resumed', (j) => conditionTypes(j).includes('Suspended=False'));
    assert.equal(resumed.status?.conditions?.find((x) => x.type === 'Suspended')?.reason, 'JobResumed');
    assert.ok(resumed.status?.startTime);
    await jobs.patch(NS, 'paused', 'merge', { spec: { suspend: true } });
    await waitFor('no pods left', async () => (await livePods(c.client, NS, byJob('paused'))).length === 0);
    const again = await jobWhere(
      'paused',
      'suspended again, nothing active',
      (j) => conditionTypes(j).includes('Suspended=True') && j.status?.active === 0,
    );
    assert.equal(again.status?.failed ?? 0, 0, 'pods deleted by suspension are not failures');
    const events = eventsAbout(controllers.events, 'paused');
    assert.ok(events.includes('Suspended: Job suspended'));
    assert.ok(events.includes('Resumed: Job resumed'));
    assert.equal(events.filter((e) => e.startsWith('SuccessfulDelete: Deleted pod: paused-')).length, 2);
  });

  test('a Job past its activeDeadlineSeconds fails and loses its pods', async () => {
    // Long enough that a loaded machine still sees the pod running before the deadline removes it.
    await jobs.create(NS, job('deadline', { activeDeadlineSeconds: 5 }));
    await runningPods('deadline', 1);
    const failed = await jobWhere('deadline', 'Failed', (j) => conditionTypes(j).includes('Failed=True'));
    const final = failed.status?.conditions?.find((x) => x.type === 'Failed');
    assert.equal(final?.reason, 'DeadlineExceeded');
    assert.equal(final?.message, 'Job was active longer than specified deadline');
    assert.equal(failed.status?.failed, 1, 'the pod deleted at the deadline counts as failed');
    assert.deepEqual(await livePods(c.client, NS, byJob('deadline')), []);
  });

  test('a pod failure policy fails the Job on a FailJob exit code and ignores an Ignore condition', async () => {
    await jobs.create(
      NS,
      job('policy', {
        backoffLimit: 3,
        podFailurePolicy: {
          rules: [
            { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
            { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } },
          ],
        },
      }),
    );
    const [disrupted] = await runningPods('policy', 1);
    await finishPod(c.client, disrupted as Pod, 137, [{ type: 'DisruptionTarget', status: 'True' }]);
    const [next] = await waitFor('a replacement', async () => {
      const list = (await livePods(c.client, NS, byJob('policy'))).filter((p) => p.status?.phase !== 'Failed');
      return list.length === 1 && list;
    });
    const afterIgnore = await jobs.get(NS, 'policy');
    assert.equal(afterIgnore.status?.failed ?? 0, 0, 'an ignored failure does not count');
    await finishPod(c.client, next as Pod, 42);
    const failed = await jobWhere('policy', 'Failed', (j) => conditionTypes(j).includes('Failed=True'));
    const final = failed.status?.conditions?.find((x) => x.type === 'Failed');
    assert.equal(final?.reason, 'PodFailurePolicy');
    assert.equal(
      final?.message,
      `Container main for pod default/${next?.metadata?.name ?? ''} failed with exit code 42 matching FailJob rule at index 1`,
    );
  });

  test('an orphan pod the selector matches is adopted, and its success counts', async () => {
    await pods.create(NS, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stray', labels: { app: 'adopt-me' } },
      spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] },
    } as Pod);
    await finishPod(c.client, await pods.get(NS, 'stray'), 0);
    const adopter = job('adopter', { manualSelector: true, selector: { matchLabels: { app: 'adopt-me' } } });
    (adopter.spec?.template?.metadata as { labels: Record<string, string> }).labels = { app: 'adopt-me' };
    const created = await jobs.create(NS, adopter);
    const done = await jobWhere('adopter', 'Complete', (j) => conditionTypes(j).includes('Complete=True'));
    assert.equal(done.status?.succeeded, 1, 'the adopted pod counts');
    const stray = await pods.get(NS, 'stray');
    assert.deepEqual(stray.metadata?.ownerReferences, [
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        name: 'adopter',
        uid: created.metadata?.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    assert.deepEqual(stray.metadata?.finalizers ?? [], [], 'the finalizer added on adoption is gone once counted');
    assert.deepEqual(
      eventsAbout(controllers.events, 'adopter').filter((e) => e.startsWith('SuccessfulCreate')),
      [],
    );
  });
});
