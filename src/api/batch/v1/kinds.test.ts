import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TSchema } from '@sinclair/typebox';
import { KINDS } from './index.js';
import { JobSchema } from './job.js';
import { defaultJob, MAX_INT32 } from './job-defaults.js';
import { CronJobSchema } from './cron-job.js';
import { protobufNumberAt, protobufProblems } from '../../apps/v1/protobuf-numbers.js';
import { applyDefaults } from '../../schema/defaults.js';

describe('batch/v1 kinds', () => {
  for (const kind of KINDS) {
    test(`${kind.kind} has a protobuf number on every field, unique within each struct`, () => {
      assert.deepEqual(protobufProblems(kind.schema), []);
    });
  }

  const spots: [string, TSchema, string, number][] = [
    ['Job', JobSchema, 'spec.podFailurePolicy', 11],
    ['Job', JobSchema, 'spec.successPolicy', 16],
    ['Job', JobSchema, 'spec.managedBy', 15],
    ['Job', JobSchema, 'spec.podFailurePolicy.rules.onPodConditions', 3],
    ['Job', JobSchema, 'status.terminating', 11],
    ['Job', JobSchema, 'status.uncountedTerminatedPods.failed', 2],
    ['CronJob', CronJobSchema, 'spec.timeZone', 8],
    ['CronJob', CronJobSchema, 'spec.jobTemplate.spec.backoffLimitPerIndex', 12],
    ['CronJob', CronJobSchema, 'status.lastSuccessfulTime', 5],
  ];
  for (const [kind, schema, path, num] of spots) {
    test(`${kind} ${path} is protobuf field ${num}, as upstream's generated.proto says`, () => {
      assert.equal(protobufNumberAt(schema, path), num);
    });
  }

  const jobCases: { name: string; spec: Record<string, unknown>; expect: Record<string, unknown> }[] = [
    {
      name: 'a Job with neither completions nor parallelism runs one pod once',
      spec: {},
      expect: { completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false },
    },
    {
      name: 'a Job with completions only gets parallelism 1',
      spec: { completions: 5 },
      expect: { completions: 5, parallelism: 1 },
    },
    {
      name: 'a Job with parallelism only keeps completions unset',
      spec: { parallelism: 3 },
      expect: { completions: undefined, parallelism: 3 },
    },
    {
      name: 'a per-index backoff limit makes the global backoff limit MaxInt32',
      spec: { backoffLimitPerIndex: 1, completionMode: 'Indexed', completions: 2 },
      expect: { backoffLimit: MAX_INT32, completionMode: 'Indexed' },
    },
    {
      name: 'a pod failure policy makes the replacement policy Failed and its patterns default to True',
      spec: { podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } },
      expect: {
        podReplacementPolicy: 'Failed',
        podFailurePolicy: {
          rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }],
        },
        manualSelector: false,
      },
    },
  ];
  for (const c of jobCases) {
    test(c.name, () => {
      const obj: Record<string, unknown> = { metadata: {}, spec: c.spec };
      defaultJob(obj);
      const spec = obj.spec as Record<string, unknown>;
      for (const [k, v] of Object.entries(c.expect)) assert.deepEqual(spec[k], v, k);
    });
  }

  test('a Job without labels takes its template labels', () => {
    const obj: Record<string, unknown> = { metadata: {}, spec: { template: { metadata: { labels: { app: 'x' } } } } };
    defaultJob(obj);
    assert.deepEqual((obj.metadata as Record<string, unknown>).labels, { app: 'x' });
  });

  test('a CronJob defaults to Allow, not suspended, 3 successful and 1 failed job kept; its JobSpec stays as given', () => {
    const obj: Record<string, unknown> = { spec: { schedule: '@hourly', jobTemplate: { spec: {} } } };
    applyDefaults(obj, CronJobSchema);
    CronJobKind().defaults?.(obj);
    const spec = obj.spec as Record<string, unknown>;
    assert.equal(spec.concurrencyPolicy, 'Allow');
    assert.equal(spec.suspend, false);
    assert.equal(spec.successfulJobsHistoryLimit, 3);
    assert.equal(spec.failedJobsHistoryLimit, 1);
    assert.deepEqual((spec.jobTemplate as Record<string, unknown>).spec, {});
  });

  test('jobs and cronjobs are in the all category; jobs select on status.successful', () => {
    const jobs = KINDS.find((k) => k.plural === 'jobs');
    assert.deepEqual(jobs?.categories, ['all']);
    assert.equal(jobs?.selectableFields?.['status.successful']?.({ status: { succeeded: 2 } }), '2');
    assert.equal(jobs?.selectableFields?.['status.successful']?.({}), '0');
    assert.deepEqual(KINDS.find((k) => k.plural === 'cronjobs')?.shortNames, ['cj']);
  });
});

function CronJobKind() {
  const kind = KINDS.find((k) => k.kind === 'CronJob');
  assert.ok(kind);
  return kind;
}
