import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Job } from '../../api/batch/v1/job.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { podForJob } from './job-pod-template.js';

const job = (spec: Record<string, unknown> = {}): Job =>
  ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'work', namespace: 'ns', uid: 'job-uid' },
    spec: {
      template: {
        metadata: {
          labels: { app: 'work', 'job-name': 'work' },
          annotations: { note: 'x' },
          finalizers: ['example.com/keep'],
        },
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] },
      },
      ...spec,
    },
  }) as Job;

describe('podForJob', () => {
  test('a NonIndexed pod copies the template and adds the finalizer and the controller reference', () => {
    const pod = podForJob(job());
    assert.deepEqual(pod.metadata, {
      generateName: 'work-',
      labels: { app: 'work', 'job-name': 'work' },
      annotations: { note: 'x' },
      finalizers: ['example.com/keep', 'batch.kubernetes.io/job-tracking'],
      ownerReferences: [
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          name: 'work',
          uid: 'job-uid',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    });
    assert.equal(pod.spec?.hostname, undefined);
    assert.equal(pod.spec?.containers?.[0]?.env, undefined);
  });

  test('an Indexed pod carries its index as annotation, label, hostname, name prefix and environment', () => {
    const pod = podForJob(job({ completionMode: 'Indexed', completions: 3 }), 2);
    assert.equal(pod.metadata?.generateName, 'work-2-');
    assert.equal(pod.metadata?.annotations?.['batch.kubernetes.io/job-completion-index'], '2');
    assert.equal(pod.metadata?.labels?.['batch.kubernetes.io/job-completion-index'], '2');
    assert.equal(pod.spec?.hostname, 'work-2');
    assert.deepEqual(pod.spec?.containers?.[0]?.env, [
      {
        name: 'JOB_COMPLETION_INDEX',
        valueFrom: { fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } },
      },
    ]);
    assert.equal(pod.metadata?.annotations?.['batch.kubernetes.io/job-index-failure-count'], undefined);
  });

  test('with backoffLimitPerIndex the replacement carries the failure count', () => {
    const replaced = {
      metadata: { annotations: { 'batch.kubernetes.io/job-index-failure-count': '1' } },
      status: { phase: 'Failed' },
    } as Pod;
    const pod = podForJob(job({ completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 2 }), 0, replaced);
    assert.equal(pod.metadata?.annotations?.['batch.kubernetes.io/job-index-failure-count'], '2');
    const first = podForJob(job({ completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 2 }), 1);
    assert.equal(first.metadata?.annotations?.['batch.kubernetes.io/job-index-failure-count'], '0');
  });

  test('the Job itself is not changed', () => {
    const j = job({ completionMode: 'Indexed', completions: 3 });
    const before = structuredClone(j);
    podForJob(j, 1);
    assert.deepEqual(j, before);
  });
});
