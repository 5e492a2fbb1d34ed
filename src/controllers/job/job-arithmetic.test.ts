import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Job } from '../../api/batch/v1/job.js';
import type { Pod } from '../../api/core/v1/pod.js';
import {
  activeDeadlineRemainingMs,
  isComplete,
  pastActiveDeadline,
  pastBackoffLimitOnFailure,
  wantActive,
} from './job-arithmetic.js';

const job = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): Job => ({ spec, status }) as Job;

describe('how many pods a Job wants active', () => {
  const cases: [string, Job, number, number, number][] = [
    ['parallelism caps the remaining completions', job({ completions: 5, parallelism: 2 }), 0, 0, 2],
    ['remaining completions cap parallelism', job({ completions: 5, parallelism: 2 }), 4, 1, 1],
    ['nothing once completions are reached', job({ completions: 3, parallelism: 2 }), 3, 0, 0],
    ['never fewer than none', job({ completions: 3, parallelism: 2 }), 5, 0, 0],
    ['without completions, parallelism until a success', job({ parallelism: 3 }), 0, 1, 3],
    ['without completions, after a success whatever runs', job({ parallelism: 3 }), 1, 2, 2],
  ];
  for (const [name, j, succeeded, active, want] of cases) {
    test(name, () => assert.equal(wantActive(j, succeeded, active), want));
  }
});

describe('when a Job is complete', () => {
  const cases: [string, Job, number, number, boolean][] = [
    ['completions reached and nothing active', job({ completions: 3 }), 3, 0, true],
    ['completions reached but a pod still active', job({ completions: 3 }), 3, 1, false],
    ['completions not reached', job({ completions: 3 }), 2, 0, false],
    ['without completions, one success and nothing active', job({}), 1, 0, true],
    ['without completions, no success yet', job({}), 0, 0, false],
  ];
  for (const [name, j, succeeded, active, complete] of cases) {
    test(name, () => assert.equal(isComplete(j, succeeded, active), complete));
  }
});

describe('restartPolicy OnFailure counts container restarts against backoffLimit', () => {
  const pod = (phase: string, restarts: number[]): Pod =>
    ({ status: { phase, containerStatuses: restarts.map((r, i) => ({ name: `c${i}`, restartCount: r })) } }) as Pod;
  const onFailure = (backoffLimit: number): Job =>
    job({ backoffLimit, template: { spec: { restartPolicy: 'OnFailure', containers: [] } } });
  const cases: [string, Job, Pod[], boolean][] = [
    ['restarts reaching the limit', onFailure(3), [pod('Running', [1, 1]), pod('Pending', [1])], true],
    ['restarts below the limit', onFailure(3), [pod('Running', [1, 1])], false],
    ['restarts of finished pods do not count', onFailure(3), [pod('Failed', [5])], false],
    ['any restart with a limit of zero', onFailure(0), [pod('Running', [1])], true],
    [
      'never under restartPolicy Never',
      job({ backoffLimit: 0, template: { spec: { restartPolicy: 'Never' } } }),
      [pod('Running', [9])],
      false,
    ],
  ];
  for (const [name, j, pods, past] of cases) {
    test(name, () => assert.equal(pastBackoffLimitOnFailure(j, pods), past));
  }
});

describe('activeDeadlineSeconds', () => {
  const start = '2024-05-10T10:00:00Z';
  const now = Date.parse('2024-05-10T10:00:30Z');
  test('counts from the start time', () => {
    assert.equal(activeDeadlineRemainingMs(job({ activeDeadlineSeconds: 60 }, { startTime: start }), now), 30_000);
    assert.equal(pastActiveDeadline(job({ activeDeadlineSeconds: 60 }, { startTime: start }), now), false);
  });
  test('is past once the time has run out', () => {
    assert.equal(pastActiveDeadline(job({ activeDeadlineSeconds: 30 }, { startTime: start }), now), true);
  });
  test('does not run while the Job is suspended, nor before it started', () => {
    assert.equal(
      activeDeadlineRemainingMs(job({ activeDeadlineSeconds: 1, suspend: true }, { startTime: start }), now),
      undefined,
    );
    assert.equal(activeDeadlineRemainingMs(job({ activeDeadlineSeconds: 1 }), now), undefined);
  });
});
