import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { JobKind } from '../../../../api/batch/v1/job.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, update, updateStatus } from '../../core/validation/strategy-harness.js';
import { jobsStrategy } from './strategy.js';

const UID = '0c3d7a52-1111-4000-8000-000000000002';
const POD = { spec: { containers: [{ name: 'pi', image: 'perl:5.34' }], restartPolicy: 'Never' } };

const job = (spec: Record<string, unknown> = {}, name = 'pi'): ApiObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: 'default', uid: UID },
  spec: { template: structuredClone(POD), ...spec },
});

describe('jobs strategy', () => {
  test('a new job selects its pods by uid and labels its template with its name and uid', () => {
    const { obj, errors } = create(jobsStrategy, JobKind, job());
    assert.deepEqual(errors, []);
    const spec = obj.spec as {
      selector: unknown;
      template: { metadata: { labels: unknown } };
      manualSelector: boolean;
    };
    assert.deepEqual(spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': UID } });
    assert.deepEqual(spec.template.metadata.labels, {
      'job-name': 'pi',
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': UID,
      'batch.kubernetes.io/controller-uid': UID,
    });
    assert.equal(spec.manualSelector, false);
    assert.deepEqual(obj.status, {});
  });

  const cases: { name: string; input: ApiObject; errors: string[] }[] = [
    {
      name: 'pods of a job may not restart Always (the pod default)',
      input: job({ template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } } }),
      errors: ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    },
    {
      name: 'a negative backoff limit is rejected',
      input: job({ backoffLimit: -1 }),
      errors: ['spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0'],
    },
    {
      name: 'an Indexed job needs completions',
      input: job({ completionMode: 'Indexed', parallelism: 2 }),
      errors: ['spec.completions: Required value: when completion mode is Indexed'],
    },
    {
      name: 'an unknown completion mode is rejected',
      input: job({ completionMode: 'Sharded' }),
      errors: ['spec.completionMode: Unsupported value: "Sharded": supported values: "NonIndexed", "Indexed"'],
    },
    {
      name: 'a per-index backoff limit needs Indexed completion',
      input: job({ backoffLimitPerIndex: 1 }),
      errors: ['spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode'],
    },
    {
      name: 'a pod failure policy needs restartPolicy Never',
      input: job({
        podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
        template: { spec: { ...POD.spec, restartPolicy: 'OnFailure' } },
      }),
      errors: [
        'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
      ],
    },
    {
      name: 'a manual selector must match the template labels',
      input: job({ manualSelector: true, selector: { matchLabels: { app: 'x' } } }),
      errors: ['spec.template.metadata.labels: Invalid value: "object": `selector` does not match template `labels`'],
    },
    {
      name: 'a generated selector may not be replaced by another uid',
      input: job({ selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'other' } } }),
      errors: [
        'spec.selector: Invalid value: "object": `selector` not auto-generated',
        'spec.template.metadata.labels: Invalid value: "object": `selector` does not match template `labels`',
      ],
    },
    {
      name: 'an Indexed job whose last pod hostname is not a DNS label is rejected',
      input: job({ completionMode: 'Indexed', completions: 2 }, 'x'.repeat(62)),
      errors: [
        `metadata.name: Invalid value: "${'x'.repeat(62)}": will not able to create pod with invalid DNS label: ${'x'.repeat(62)}-1`,
      ],
    },
  ];
  for (const c of cases) test(c.name, () => assert.deepEqual(create(jobsStrategy, JobKind, c.input).errors, c.errors));

  const updates: {
    name: string;
    change: (spec: Record<string, unknown>) => void;
    suspended?: boolean;
    errors: string[];
  }[] = [
    { name: 'a job may be suspended', change: (s) => (s.suspend = true), errors: [] },
    {
      name: 'the pod template of a running job is immutable',
      change: (s) =>
        ((s.template as { spec: { containers: { image: string }[] } }).spec.containers[0]!.image = 'perl:6'),
      errors: ['spec.template: Invalid value: "object": field is immutable'],
    },
    {
      name: 'a suspended job that never started may change its node selector',
      change: (s) => ((s.template as { spec: Record<string, unknown> }).spec.nodeSelector = { zone: 'a' }),
      suspended: true,
      errors: [],
    },
    {
      name: 'completions of a non-indexed job are immutable',
      change: (s) => (s.completions = 3),
      errors: ['spec.completions: Invalid value: 3: field is immutable'],
    },
  ];
  for (const c of updates) {
    test(`update: ${c.name}`, () => {
      const old = stored(jobsStrategy, JobKind, job(c.suspended ? { suspend: true } : {}));
      const next = structuredClone(old);
      c.change(next.spec as Record<string, unknown>);
      assert.deepEqual(update(jobsStrategy, JobKind, next, old).errors, c.errors);
    });
  }

  test('status: counters may not decrease and ready pods may not outnumber active ones', () => {
    const old = { ...stored(jobsStrategy, JobKind, job()), status: { active: 2, failed: 3 } };
    const next = { ...old, status: { active: 1, ready: 2, failed: 2 } };
    assert.deepEqual(updateStatus(jobsStrategy, JobKind, next, old).errors, [
      'status.ready: Invalid value: 2: cannot set more ready pods than active',
      'status.failed: Invalid value: 2: cannot decrease the failed counter',
    ]);
  });
});
