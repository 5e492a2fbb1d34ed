/**
 * The names the Job controller shares with the rest of Kubernetes (batch/v1): resources, labels, annotations,
 * the tracking finalizer, condition types and reasons, event reasons and messages, as upstream spells them;
 * and the few questions every part of the controller asks of a Job (finished? suspended? indexed?).
 */
import type { Job } from '../../api/batch/v1/job.js';
import type { Pod } from '../../api/core/v1/pod.js';

export const JOBS = { group: 'batch', version: 'v1', resource: 'jobs', namespaced: true } as const;
export const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;

export const JOB_API_VERSION = 'batch/v1';
export const JOB_KIND = 'Job';

/** The controller's own name in `spec.managedBy`; Jobs managed by anyone else are left alone. */
export const JOB_CONTROLLER_MANAGER = 'kubernetes.io/job-controller';

export const JobLabel = {
  ControllerUid: 'batch.kubernetes.io/controller-uid',
  JobName: 'batch.kubernetes.io/job-name',
  LegacyControllerUid: 'controller-uid',
  LegacyJobName: 'job-name',
} as const;

export const JobAnnotation = {
  /** Annotation (and, upstream's PodIndexLabel being on, label) of an Indexed Job's pods. */
  CompletionIndex: 'batch.kubernetes.io/job-completion-index',
  IndexFailureCount: 'batch.kubernetes.io/job-index-failure-count',
  IndexIgnoredFailureCount: 'batch.kubernetes.io/job-index-ignored-failure-count',
} as const;

/** Held on every pod the controller creates until the pod's outcome is counted in the Job's status. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';

/** The environment variable an Indexed Job's containers read their index from. */
export const COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';

export const JobConditionType = {
  Suspended: 'Suspended',
  Complete: 'Complete',
  Failed: 'Failed',
  FailureTarget: 'FailureTarget',
  SuccessCriteriaMet: 'SuccessCriteriaMet',
} as const;
export type JobConditionType = (typeof JobConditionType)[keyof typeof JobConditionType];

export const JobReason = {
  PodFailurePolicy: 'PodFailurePolicy',
  BackoffLimitExceeded: 'BackoffLimitExceeded',
  DeadlineExceeded: 'DeadlineExceeded',
  MaxFailedIndexesExceeded: 'MaxFailedIndexesExceeded',
  FailedIndexes: 'FailedIndexes',
  SuccessPolicy: 'SuccessPolicy',
  CompletionsReached: 'CompletionsReached',
  JobSuspended: 'JobSuspended',
  JobResumed: 'JobResumed',
} as const;

export const JobMessage = {
  BackoffLimitExceeded: 'Job has reached the specified backoff limit',
  DeadlineExceeded: 'Job was active longer than specified deadline',
  MaxFailedIndexesExceeded: 'Job has exceeded the specified maximal number of failed indexes',
  FailedIndexes: 'Job has failed indexes',
  CompletionsReached: 'Reached expected number of succeeded pods',
  Suspended: 'Job suspended',
  Resumed: 'Job resumed',
} as const;

export const JobEventReason = {
  SuccessfulCreate: 'SuccessfulCreate',
  FailedCreate: 'FailedCreate',
  SuccessfulDelete: 'SuccessfulDelete',
  FailedDelete: 'FailedDelete',
  Completed: 'Completed',
  TooManySucceededPods: 'TooManySucceededPods',
  Suspended: 'Suspended',
  Resumed: 'Resumed',
  UnknownCompletionMode: 'UnknownCompletionMode',
} as const;

export type JobCondition = NonNullable<NonNullable<Job['status']>['conditions']>[number];
export type JobStatus = NonNullable<Job['status']>;

/** The condition of `type` in `conditions`, if any. */
export function findCondition(conditions: readonly JobCondition[] | undefined, type: string): JobCondition | undefined {
  return conditions?.find((c) => c.type === type);
}

const isTrue = (c: JobCondition | undefined): c is JobCondition => c?.status === 'True';

/** Complete or Failed, if the Job has finished (upstream FinishedCondition). */
export function finishedConditionType(job: Job): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  }
  return undefined;
}

/** Whether the Job has a true Complete or Failed condition. */
export const isJobFinished = (job: Job): boolean => finishedConditionType(job) !== undefined;

/** Whether the Job has a true Complete condition. */
export const isJobSucceeded = (job: Job): boolean => isTrue(findCondition(job.status?.conditions, 'Complete'));

/** The true SuccessCriteriaMet condition, if the Job has one. */
export function successCriteriaMetCondition(job: Job): JobCondition | undefined {
  const c = findCondition(job.status?.conditions, JobConditionType.SuccessCriteriaMet);
  return isTrue(c) ? c : undefined;
}

export const isSuccessCriteriaMet = (c: JobCondition | undefined): boolean =>
  c?.type === JobConditionType.SuccessCriteriaMet && c.status === 'True';

export const isJobSuspended = (job: Job): boolean => job.spec?.suspend === true;
export const isIndexedJob = (job: Job): boolean => job.spec?.completionMode === 'Indexed';
export const hasBackoffLimitPerIndex = (job: Job): boolean =>
  job.spec?.backoffLimitPerIndex !== undefined && job.spec.backoffLimitPerIndex !== null;

/**
 * Whether only pods that reached phase Failed are replaced (podReplacementPolicy Failed, which a pod failure
 * policy implies): terminating pods then still count as active slots.
 */
export const onlyReplaceFailedPods = (job: Job): boolean =>
  job.spec?.podReplacementPolicy === 'Failed' || (job.spec?.podFailurePolicy ?? undefined) !== undefined;

export const hasTrackingFinalizer = (pod: Pod): boolean =>
  (pod.metadata?.finalizers ?? []).includes(JOB_TRACKING_FINALIZER);

/** The Job with apiVersion and kind set (cached objects may lack them; events need them). */
export const withJobTypeMeta = (job: Job): Job => ({ ...job, apiVersion: JOB_API_VERSION, kind: JOB_KIND });

/** `namespace/name` of a Job, the key of its queue, expectations and backoff record. */
export const jobKey = (job: Job): string => `${job.metadata?.namespace ?? ''}/${job.metadata?.name ?? ''}`;
