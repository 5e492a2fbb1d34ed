/** Job (batch/v1): pods that run to completion. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, bool, int32, int64, str, time } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { LabelSelector } from '../../meta/v1/object-meta.js';
import { PodTemplateSpec } from '../../core/v1/pod-spec.js';
import { PodFailurePolicy, SuccessPolicy } from './job-policies.js';
import { defaultJob } from './job-defaults.js';

export const CompletionMode = ['Indexed', 'NonIndexed'] as const;
export const PodReplacementPolicy = ['Failed', 'TerminatingOrFailed'] as const;

export const JobSpec = struct(
  'io.k8s.api.batch.v1.JobSpec',
  {
    parallelism: field(1, int32()),
    completions: field(2, int32()),
    activeDeadlineSeconds: field(3, int64()),
    podFailurePolicy: field(11, PodFailurePolicy),
    successPolicy: field(16, SuccessPolicy),
    backoffLimit: field(7, int32()),
    backoffLimitPerIndex: field(12, int32()),
    maxFailedIndexes: field(13, int32()),
    selector: field(4, LabelSelector),
    manualSelector: field(5, bool()),
    template: field(6, PodTemplateSpec),
    ttlSecondsAfterFinished: field(8, int32()),
    completionMode: field(9, str({ enum: CompletionMode })),
    suspend: field(10, bool()),
    podReplacementPolicy: field(14, str({ enum: PodReplacementPolicy })),
    managedBy: field(15, str()),
  },
  { required: ['template'] },
);
export type JobSpec = Static<typeof JobSpec>;

export const JobCondition = struct(
  'io.k8s.api.batch.v1.JobCondition',
  {
    type: field(1, str()),
    status: field(2, str()),
    lastProbeTime: field(3, time()),
    lastTransitionTime: field(4, time()),
    reason: field(5, str()),
    message: field(6, str()),
  },
  { required: ['type', 'status'] },
);

export const UncountedTerminatedPods = struct('io.k8s.api.batch.v1.UncountedTerminatedPods', {
  succeeded: field(1, arrayOf(str()), { listType: 'set' }),
  failed: field(2, arrayOf(str()), { listType: 'set' }),
});

export const JobStatus = struct('io.k8s.api.batch.v1.JobStatus', {
  conditions: field(1, arrayOf(JobCondition), { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'atomic' }),
  startTime: field(2, time()),
  completionTime: field(3, time()),
  active: field(4, int32()),
  succeeded: field(5, int32()),
  failed: field(6, int32()),
  terminating: field(11, int32()),
  completedIndexes: field(7, str()),
  failedIndexes: field(10, str()),
  uncountedTerminatedPods: field(8, UncountedTerminatedPods),
  ready: field(9, int32()),
});
export type JobStatus = Static<typeof JobStatus>;

export const JobSchema = objectSchema('io.k8s.api.batch.v1.Job', {
  spec: field(2, JobSpec),
  status: field(3, JobStatus),
});
export type Job = Static<typeof JobSchema>;

export const JobKind: KindDefinition = {
  group: 'batch',
  version: 'v1',
  kind: 'Job',
  plural: 'jobs',
  singular: 'job',
  namespaced: true,
  categories: ['all'],
  schema: JobSchema,
  subresources: { status: true },
  selectableFields: { 'status.successful': (o) => String((o as Job).status?.succeeded ?? 0) },
  defaults: defaultJob,
};
