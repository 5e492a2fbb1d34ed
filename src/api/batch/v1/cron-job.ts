/** CronJob (batch/v1): Jobs created on a cron schedule. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, bool, int32, int64, str, time } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { ObjectMeta } from '../../meta/v1/object-meta.js';
import { ObjectReference } from '../../core/v1/object-reference.js';
import { defaultPodTemplateSpec } from '../../core/v1/pod-spec-defaults.js';
import { isObj, type Obj } from '../../apps/v1/object-access.js';
import { JobSpec } from './job.js';

export const ConcurrencyPolicy = ['Allow', 'Forbid', 'Replace'] as const;

export const JobTemplateSpec = struct('io.k8s.api.batch.v1.JobTemplateSpec', {
  metadata: field(1, ObjectMeta),
  spec: field(2, JobSpec),
});

export const CronJobSpec = struct(
  'io.k8s.api.batch.v1.CronJobSpec',
  {
    schedule: field(1, str()),
    timeZone: field(8, str()),
    startingDeadlineSeconds: field(2, int64()),
    concurrencyPolicy: field(3, str({ enum: ConcurrencyPolicy }), { default: 'Allow' }),
    suspend: field(4, bool(), { default: false }),
    jobTemplate: field(5, JobTemplateSpec),
    successfulJobsHistoryLimit: field(6, int32(), { default: 3 }),
    failedJobsHistoryLimit: field(7, int32(), { default: 1 }),
  },
  { required: ['schedule', 'jobTemplate'] },
);
export type CronJobSpec = Static<typeof CronJobSpec>;

export const CronJobStatus = struct('io.k8s.api.batch.v1.CronJobStatus', {
  active: field(1, arrayOf(ObjectReference), { listType: 'atomic' }),
  lastScheduleTime: field(4, time()),
  lastSuccessfulTime: field(5, time()),
});

export const CronJobSchema = objectSchema('io.k8s.api.batch.v1.CronJob', {
  spec: field(2, CronJobSpec),
  status: field(3, CronJobStatus),
});
export type CronJob = Static<typeof CronJobSchema>;

/** The job template's pod template is defaulted like any PodSpec; the JobSpec itself is not (see job-defaults). */
function defaultCronJob(obj: Obj): void {
  const spec = obj.spec;
  if (!isObj(spec) || !isObj(spec.jobTemplate) || !isObj(spec.jobTemplate.spec)) return;
  defaultPodTemplateSpec(spec.jobTemplate.spec.template);
}

export const CronJobKind: KindDefinition = {
  group: 'batch',
  version: 'v1',
  kind: 'CronJob',
  plural: 'cronjobs',
  singular: 'cronjob',
  namespaced: true,
  shortNames: ['cj'],
  categories: ['all'],
  schema: CronJobSchema,
  subresources: { status: true },
  defaults: defaultCronJob,
};
