/** The TTL-after-finished controller against a real skiff server; Jobs are finished by the test. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Job } from '../../api/batch/v1/job.js';
import { isNotFound } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import {
  type BatchCluster,
  runControllers,
  type RunningControllers,
  sleepMs,
  startBatchCluster,
  waitFor,
} from '../job/batch-test-cluster.js';
import { JOBS, NAME, newTtlAfterFinishedController } from './ttl-after-finished-controller.js';

const NS = 'default';

const rfc3339 = (ms: number): string => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

function job(name: string, ttl: number | undefined): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      ...(ttl === undefined ? {} : { ttlSecondsAfterFinished: ttl }),
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } },
    },
  } as Job;
}

describe('TTL-after-finished controller', () => {
  let c: BatchCluster;
  let controllers: RunningControllers;
  let jobs: ResourceClient<Job>;

  before(async () => {
    c = await startBatchCluster();
    controllers = await runControllers(c.client, [newTtlAfterFinishedController]);
    jobs = c.client.resource<Job>(JOBS);
  });
  after(async () => {
    await controllers?.stop();
    await c?.stop();
  });

  async function createFinished(name: string, ttl: number | undefined, finishedAtMs: number): Promise<Job> {
    const created = await jobs.create(NS, job(name, ttl));
    const at = rfc3339(finishedAtMs);
    created.status = {
      startTime: at,
      completionTime: at,
      succeeded: 1,
      conditions: [
        { type: 'SuccessCriteriaMet', status: 'True', lastTransitionTime: at },
        { type: 'Complete', status: 'True', lastTransitionTime: at },
      ],
    };
    return jobs.updateStatus(NS, created);
  }

  /** Being deleted (with foreground propagation, its dependents first) or gone. */
  const deletion = (name: string): Promise<Job | 'gone'> =>
    waitFor(`${name} deleted`, async () => {
      try {
        const j = await jobs.get(NS, name);
        return Boolean(j.metadata?.deletionTimestamp) && j;
      } catch (err) {
        if (isNotFound(err)) return 'gone';
        throw err;
      }
    });

  test('the controller is called ttl-after-finished', () => assert.equal(NAME, 'ttl-after-finished'));

  test('a finished Job is deleted once its TTL has passed, dependents first', async () => {
    const finished = await createFinished('short-lived', 2, Date.now());
    const started = Date.now();
    const deleted = await deletion('short-lived');
    assert.ok(Date.now() - started >= 800, 'not before its TTL');
    if (deleted !== 'gone') {
      assert.ok(deleted.metadata?.finalizers?.includes('foregroundDeletion'), 'foreground propagation');
      assert.equal(deleted.metadata?.uid, finished.metadata?.uid);
    }
  });

  test('a Job that finished long ago with TTL 0 goes at once', async () => {
    await createFinished('long-done', 0, Date.now() - 3_600_000);
    await deletion('long-done');
  });

  test('Jobs that are unfinished, have no TTL, or have time left are kept', async () => {
    await jobs.create(NS, job('still-running', 0));
    await createFinished('no-ttl', undefined, Date.now() - 3_600_000);
    await createFinished('not-yet', 3600, Date.now());
    await sleepMs(1_500);
    for (const name of ['still-running', 'no-ttl', 'not-yet']) {
      const j = await jobs.get(NS, name);
      assert.equal(j.metadata?.deletionTimestamp, undefined, `${name} is kept`);
    }
  });

  test('shortening the TTL of a finished Job takes effect', async () => {
    await createFinished('shortened', 3600, Date.now() - 60_000);
    await sleepMs(300);
    await jobs.patch(NS, 'shortened', 'merge', { spec: { ttlSecondsAfterFinished: 30 } });
    await deletion('shortened');
  });
});
