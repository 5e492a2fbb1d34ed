import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Job } from '../../api/batch/v1/job.js';
import { needsCleanup, type TimeLeft, timeLeft } from './ttl-time.js';

const finishedAt = '2024-05-10T10:00:00Z';
const now = Date.parse('2024-05-10T10:00:30Z');

const job = (
  ttl: number | undefined,
  conditions: { type: string; status: string; lastTransitionTime?: string }[],
): Job =>
  ({ metadata: { namespace: 'ns', name: 'j' }, spec: { ttlSecondsAfterFinished: ttl }, status: { conditions } }) as Job;

describe('time left of a finished Job', () => {
  const cases: [string, Job, boolean, TimeLeft][] = [
    [
      'a Complete Job counts from the condition',
      job(60, [{ type: 'Complete', status: 'True', lastTransitionTime: finishedAt }]),
      true,
      { ok: true, ms: 30_000 },
    ],
    [
      'a Failed Job too',
      job(10, [{ type: 'Failed', status: 'True', lastTransitionTime: finishedAt }]),
      true,
      { ok: true, ms: -20_000 },
    ],
    [
      'a TTL of zero expires at once',
      job(0, [{ type: 'Complete', status: 'True', lastTransitionTime: finishedAt }]),
      true,
      { ok: true, ms: -30_000 },
    ],
    [
      'no TTL: not the controller’s business',
      job(undefined, [{ type: 'Complete', status: 'True', lastTransitionTime: finishedAt }]),
      false,
      { ok: false, error: 'Job ns/j should not be cleaned up' },
    ],
    [
      'not finished: nothing to do',
      job(60, [{ type: 'SuccessCriteriaMet', status: 'True', lastTransitionTime: finishedAt }]),
      false,
      { ok: false, error: 'Job ns/j should not be cleaned up' },
    ],
    [
      'a False condition is not an end',
      job(60, [{ type: 'Complete', status: 'False', lastTransitionTime: finishedAt }]),
      false,
      { ok: false, error: 'Job ns/j should not be cleaned up' },
    ],
    [
      'an unknown finish time is an error',
      job(60, [{ type: 'Complete', status: 'True' }]),
      true,
      { ok: false, error: 'unable to find the time when the Job ns/j finished' },
    ],
  ];
  for (const [name, j, needs, left] of cases) {
    test(name, () => {
      assert.equal(needsCleanup(j), needs);
      assert.deepEqual(timeLeft(j, now), left);
    });
  }
});
