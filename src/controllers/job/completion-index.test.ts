import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Job } from '../../api/batch/v1/job.js';
import type { Pod } from '../../api/core/v1/pod.js';
import {
  calculateFailedIndexes,
  calculateSucceededIndexes,
  completionIndex,
  duplicatedIndexPods,
  firstPendingIndexes,
  generateNameWithIndex,
  newIndexFailureCounts,
} from './completion-index.js';
import { JOB_TRACKING_FINALIZER } from './job-api.js';
import { OrderedIntervals } from './ordered-intervals.js';

interface PodOpts {
  phase?: string;
  finalizer?: boolean;
  deleting?: boolean;
  failures?: number;
  ready?: boolean;
  name?: string;
}

function pod(index: number | string | undefined, o: PodOpts = {}): Pod {
  const annotations: Record<string, string> = {};
  if (index !== undefined) annotations['batch.kubernetes.io/job-completion-index'] = String(index);
  if (o.failures !== undefined) annotations['batch.kubernetes.io/job-index-failure-count'] = String(o.failures);
  return {
    metadata: {
      name: o.name ?? `p${String(index)}`,
      uid: `uid-${o.name ?? String(index)}`,
      annotations,
      finalizers: o.finalizer === false ? [] : [JOB_TRACKING_FINALIZER],
      ...(o.deleting ? { deletionTimestamp: '2024-05-10T10:00:00Z' } : {}),
    },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: o.ready ? 'True' : 'False' }],
    },
  } as Pod;
}

const indexedJob = (spec: Record<string, unknown> = {}, status: Record<string, unknown> = {}): Job =>
  ({ metadata: { name: 'j' }, spec: { completionMode: 'Indexed', completions: 5, ...spec }, status }) as Job;

describe('completion indexes of pods', () => {
  const cases: [string, number | string | undefined, number | undefined][] = [
    ['a number', 3, 3],
    ['no annotation', undefined, undefined],
    ['not a number', 'x', undefined],
    ['negative', -1, undefined],
  ];
  for (const [name, annotation, index] of cases) {
    test(name, () => assert.equal(completionIndex(pod(annotation)), index));
  }
});

describe('succeeded and failed indexes', () => {
  test('succeeded pods with a finalizer add their index to those in status', () => {
    const job = indexedJob({}, { completedIndexes: '0' });
    const [previous, now] = calculateSucceededIndexes(job, [
      pod(2, { phase: 'Succeeded' }),
      pod(3, { phase: 'Succeeded', finalizer: false }),
      pod(4, { phase: 'Failed' }),
      pod(7, { phase: 'Succeeded' }),
    ]);
    assert.equal(previous.toString(), '0');
    assert.equal(now.toString(), '0,2');
  });

  test('an index fails for good once its failures reach backoffLimitPerIndex', () => {
    const job = indexedJob({ backoffLimitPerIndex: 1 }, { failedIndexes: '4' });
    const failed = calculateFailedIndexes(job, [
      pod(0, { phase: 'Failed', failures: 0 }),
      pod(1, { phase: 'Failed', failures: 1 }),
    ]);
    assert.equal(failed.toString(), '1,4');
  });

  test('a FailIndex rule fails the index at once', () => {
    const job = indexedJob({
      backoffLimitPerIndex: 5,
      podFailurePolicy: { rules: [{ action: 'FailIndex', onPodConditions: [{ type: 'Bad', status: 'True' }] }] },
    });
    const p = pod(2, { phase: 'Failed' });
    (p.status?.conditions as { type: string; status: string }[]).push({ type: 'Bad', status: 'True' });
    assert.equal(calculateFailedIndexes(job, [p]).toString(), '2');
  });
});

describe('firstPendingIndexes', () => {
  const job = indexedJob();
  const cases: [string, Pod[], string, number, boolean, number[]][] = [
    ['the lowest free indexes', [pod(1)], '', 3, false, [0, 2, 3]],
    ['succeeded indexes are not pending', [], '0-2', 5, false, [3, 4]],
    ['no more than completions', [pod(0)], '1-3', 5, false, [4]],
    [
      'terminating pods hold their index when only failed pods are replaced',
      [pod(0, { deleting: true })],
      '',
      2,
      true,
      [1, 2],
    ],
    ['otherwise their index is free again', [pod(0, { deleting: true })], '', 2, false, [0, 1]],
  ];
  for (const [name, pods, succeeded, count, onlyFailed, expected] of cases) {
    test(name, () => {
      const active = pods.filter((p) => !p.metadata?.deletionTimestamp);
      const input = { job, pods, activePods: active, succeededIndexes: OrderedIntervals.parse(succeeded, 5) };
      assert.deepEqual(firstPendingIndexes(input, count, 5, onlyFailed), expected);
    });
  }
});

describe('duplicatedIndexPods', () => {
  test('strays and all but the most advanced pod of a repeated index go', () => {
    const pods = [
      pod(1, { name: 'a', ready: true }),
      pod(1, { name: 'b', ready: false }),
      pod(undefined, { name: 'c' }),
      pod(9, { name: 'd' }),
      pod(2, { name: 'e' }),
    ];
    const [remove, keep] = duplicatedIndexPods(pods, 5);
    assert.deepEqual(remove.map((p) => p.metadata?.name).sort(), ['b', 'c', 'd']);
    assert.deepEqual(
      keep.map((p) => p.metadata?.name),
      ['a', 'e'],
    );
  });
});

describe('names and failure counts of index pods', () => {
  test('the name prefix carries the index, cut to leave room for the random suffix', () => {
    assert.equal(generateNameWithIndex('job', 3), 'job-3-');
    const long = 'x'.repeat(60);
    const prefix = generateNameWithIndex(long, 12);
    assert.equal(prefix.length, 58);
    assert.ok(prefix.endsWith('-12-'));
  });

  test('a replacement carries the failure count one higher, or the ignored count when a rule ignores it', () => {
    const job = indexedJob({ backoffLimitPerIndex: 3 });
    assert.deepEqual(newIndexFailureCounts(job, undefined), [0, 0]);
    assert.deepEqual(newIndexFailureCounts(job, pod(1, { phase: 'Failed', failures: 1 })), [2, 0]);
    const ignoring = indexedJob({
      backoffLimitPerIndex: 3,
      podFailurePolicy: {
        rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }],
      },
    });
    const disrupted = pod(1, { phase: 'Failed', failures: 1 });
    (disrupted.status?.conditions as { type: string; status: string }[]).push({
      type: 'DisruptionTarget',
      status: 'True',
    });
    assert.deepEqual(newIndexFailureCounts(ignoring, disrupted), [1, 1]);
  });
});
