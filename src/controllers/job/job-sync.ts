/**
 * One sync of one Job (upstream syncJob): read it and its pods, decide whether it has ended (success
 * criteria met, pod failure policy FailJob, backoffLimit, activeDeadlineSeconds, failed indexes, success
 * policy), then either delete its remaining pods (ended) or bring its pods to what it wants and keep its
 * Suspended condition; finally count finished pods and write the status (job-tracking.ts).
 */
import type { Job } from '../../api/batch/v1/job.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { EventType } from '../../client/record/event-recorder.js';
import type { ObjectName } from '../framework/reconcile-loop.js';
import { isPodActive } from '../framework/pod-conditions.js';
import {
  calculateFailedIndexes,
  calculateSucceededIndexes,
  podsWithDelayedDeletionPerIndex,
  validIndex,
} from './completion-index.js';
import {
  findCondition,
  hasBackoffLimitPerIndex,
  hasTrackingFinalizer,
  isIndexedJob,
  isJobFinished,
  isJobSuspended,
  JOB_CONTROLLER_MANAGER,
  JobConditionType,
  JobEventReason,
  JobMessage,
  JobReason,
  type JobCondition,
  successCriteriaMetCondition,
  withJobTypeMeta,
} from './job-api.js';
import {
  activeDeadlineRemainingMs,
  isComplete,
  pastActiveDeadline,
  pastBackoffLimitOnFailure,
} from './job-arithmetic.js';
import { ensureCondition, newCondition, rfc3339 } from './job-conditions.js';
import { claimPods } from './job-pod-claims.js';
import type { JobControllerParts, SyncJobState } from './job-sync-state.js';
import { trackJobStatusAndRemoveFinalizers } from './job-tracking.js';
import { deleteActivePods, manageJob } from './manage-job.js';
import { OrderedIntervals } from './ordered-intervals.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';
import { countReady, isPodFailed, isPodTerminating } from './pod-state.js';
import { matchSuccessPolicy } from './success-policy.js';

/** Whether another controller manages the Job (spec.managedBy set to something else). */
export function managedElsewhere(job: Job): boolean {
  const by = job.spec?.managedBy;
  return by !== undefined && by !== null && by !== JOB_CONTROLLER_MANAGER;
}

/** The first failed pod's FailJob message, if the pod failure policy fails the Job. */
function failJobMessage(job: Job, pods: readonly Pod[]): string | undefined {
  if (!job.spec?.podFailurePolicy) return undefined;
  for (const p of pods) {
    if (!isPodFailed(p, job)) continue;
    const message = matchPodFailurePolicy(job.spec.podFailurePolicy, p).failJobMessage;
    if (message !== undefined) return message;
  }
  return undefined;
}

/** Finished pods not yet counted: those with a finalizer, not uncounted already, not being un-finalized. */
function newFinishedPods(state: SyncJobState): [Pod[], Pod[]] {
  const completions = state.job.spec?.completions ?? 0;
  const candidate = (p: Pod, uncounted: ReadonlySet<string>): boolean => {
    const uid = p.metadata?.uid ?? '';
    if (!hasTrackingFinalizer(p) || uncounted.has(uid) || state.expectedRmFinalizers.has(uid)) return false;
    return !isIndexedJob(state.job) || validIndex(p, completions) !== undefined;
  };
  const succeeded = state.pods.filter(
    (p) => candidate(p, state.uncounted.succeeded) && p.status?.phase === 'Succeeded',
  );
  const failed = state.pods.filter((p) => candidate(p, state.uncounted.failed) && isPodFailed(p, state.job));
  return [succeeded, failed];
}

/** Decides the Job's end from failures and deadlines; schedules a look at the deadline otherwise. */
function failureCondition(parts: JobControllerParts, state: SyncJobState): JobCondition | undefined {
  const job = state.job;
  const now = parts.clock.now();
  const failureTarget = (reason: string, message: string): JobCondition =>
    newCondition(JobConditionType.FailureTarget, 'True', reason, message, now);
  const target = findCondition(job.status?.conditions, JobConditionType.FailureTarget);
  if (target?.status === 'True') {
    return newCondition(JobConditionType.Failed, 'True', target.reason ?? '', target.message ?? '', now);
  }
  const message = failJobMessage(job, state.pods);
  if (message !== undefined) return failureTarget(JobReason.PodFailurePolicy, message);
  if (state.failed > (job.spec?.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, state.pods)) {
    return failureTarget(JobReason.BackoffLimitExceeded, JobMessage.BackoffLimitExceeded);
  }
  if (pastActiveDeadline(job, now)) return failureTarget(JobReason.DeadlineExceeded, JobMessage.DeadlineExceeded);
  const remaining = activeDeadlineRemainingMs(job, now);
  if (remaining !== undefined) parts.requeueAfter(state.key, remaining);
  return undefined;
}

/** Indexed Jobs: succeeded and failed indexes, and the ends they decide. */
function indexedOutcome(parts: JobControllerParts, state: SyncJobState): void {
  const job = state.job;
  const completions = job.spec?.completions ?? 0;
  const now = parts.clock.now();
  [state.prevSucceededIndexes, state.succeededIndexes] = calculateSucceededIndexes(job, state.pods);
  state.succeeded = state.succeededIndexes.total();
  if (hasBackoffLimitPerIndex(job)) {
    state.failedIndexes = calculateFailedIndexes(job, state.pods);
    const failedCount = state.failedIndexes.total();
    const max = job.spec?.maxFailedIndexes;
    if (state.finishedCondition === undefined) {
      if (max !== undefined && max !== null && failedCount > max) {
        state.finishedCondition = newCondition(
          JobConditionType.FailureTarget,
          'True',
          JobReason.MaxFailedIndexesExceeded,
          JobMessage.MaxFailedIndexesExceeded,
          now,
        );
      } else if (failedCount > 0 && failedCount + state.succeededIndexes.total() >= completions) {
        state.finishedCondition = newCondition(
          JobConditionType.FailureTarget,
          'True',
          JobReason.FailedIndexes,
          JobMessage.FailedIndexes,
          now,
        );
      }
    }
    state.podsWithDelayedDeletionPerIndex = podsWithDelayedDeletionPerIndex({
      ...state,
      isCandidate: (p) => hasTrackingFinalizer(p) && !state.expectedRmFinalizers.has(p.metadata?.uid ?? ''),
    });
  }
  if (state.finishedCondition === undefined) {
    const message = matchSuccessPolicy(job.spec?.successPolicy, completions, state.succeededIndexes);
    if (message !== undefined) {
      state.finishedCondition = newCondition(
        JobConditionType.SuccessCriteriaMet,
        'True',
        JobReason.SuccessPolicy,
        message,
        now,
      );
    }
  }
}

/** Keeps the Suspended condition in line with spec.suspend; resuming restarts the deadline's clock. */
function syncSuspendedCondition(parts: JobControllerParts, state: SyncJobState): boolean {
  const job = state.job;
  const status = (job.status ??= {});
  const now = parts.clock.now();
  const suspended = isJobSuspended(job);
  const [conditions, changed] = suspended
    ? ensureCondition(
        status.conditions ?? [],
        JobConditionType.Suspended,
        'True',
        JobReason.JobSuspended,
        JobMessage.Suspended,
        now,
      )
    : ensureCondition(
        status.conditions ?? [],
        JobConditionType.Suspended,
        'False',
        JobReason.JobResumed,
        JobMessage.Resumed,
        now,
      );
  if (!changed) return false;
  status.conditions = conditions;
  const reason = suspended ? JobEventReason.Suspended : JobEventReason.Resumed;
  parts.recorder.event(
    withJobTypeMeta(job),
    EventType.Normal,
    reason,
    suspended ? JobMessage.Suspended : JobMessage.Resumed,
  );
  // activeDeadlineSeconds counts the time a Job is continuously active.
  if (!suspended) status.startTime = rfc3339(now);
  return true;
}

/** Syncs the Job of `key`. @throws when a write failed (the loop retries with back-off). */
export async function syncJob(parts: JobControllerParts, name: ObjectName): Promise<void> {
  const key = `${name.namespace}/${name.name}`;
  const shared = parts.jobs.indexer.getByKey(key);
  if (shared === undefined) {
    parts.expectations.delete(key);
    parts.finalizerExpectations.delete(key);
    parts.backoff.remove(key);
    return;
  }
  if (managedElsewhere(shared)) return;
  const job = structuredClone(shared);
  if (isJobFinished(job)) {
    parts.backoff.remove(key);
    return;
  }
  const mode = job.spec?.completionMode;
  if (mode !== undefined && mode !== null && mode !== 'NonIndexed' && mode !== 'Indexed') {
    parts.recorder.event(
      withJobTypeMeta(job),
      EventType.Warning,
      JobEventReason.UnknownCompletionMode,
      'Skipped Job sync because completion mode is unknown',
    );
    return;
  }
  const status = (job.status ??= {});
  status.uncountedTerminatedPods ??= {};
  // Expectations first: a pod created after this check is seen by the next sync, never half-counted here.
  const satisfied = parts.expectations.satisfied(key);
  const pods = await claimPods(parts, job);
  const activePods = pods.filter(isPodActive);
  const state: SyncJobState = {
    key,
    job,
    pods,
    activePods,
    finishedCondition: undefined,
    succeeded: 0,
    failed: 0,
    prevSucceededIndexes: OrderedIntervals.EMPTY,
    succeededIndexes: OrderedIntervals.EMPTY,
    failedIndexes: undefined,
    newBackoffRecord: { key, failuresAfterLastSuccess: 0 },
    expectedRmFinalizers: parts.finalizerExpectations.expected(key),
    uncounted: {
      succeeded: new Set(status.uncountedTerminatedPods.succeeded ?? []),
      failed: new Set(status.uncountedTerminatedPods.failed ?? []),
    },
    podsWithDelayedDeletionPerIndex: new Map(),
    terminating: pods.filter(isPodTerminating).length,
    ready: countReady(activePods),
  };
  let active = activePods.length;
  const [newSucceeded, newFailed] = newFinishedPods(state);
  const countedFailures = newFailed.filter((p) => matchPodFailurePolicy(job.spec?.podFailurePolicy, p).countFailed);
  state.succeeded = (status.succeeded ?? 0) + newSucceeded.length + state.uncounted.succeeded.size;
  state.failed = (status.failed ?? 0) + countedFailures.length + state.uncounted.failed.size;
  if (!status.startTime && !isJobSuspended(job)) status.startTime = rfc3339(parts.clock.now());
  state.newBackoffRecord = parts.backoff.next(key, newSucceeded, newFailed);
  // A Job whose success criteria were met already only waits for its pods to terminate.
  state.finishedCondition = successCriteriaMetCondition(job) ?? failureCondition(parts, state);
  if (isIndexedJob(job)) indexedOutcome(parts, state);

  let manageError: unknown;
  let suspendChanged = false;
  if (state.finishedCondition !== undefined) {
    const d = await deleteActivePods(parts, job, activePods);
    // Not finished while pods remain, or while pods may exist that the cache has not shown yet.
    if (d.deleted !== active || !satisfied) state.finishedCondition = undefined;
    active -= d.deleted;
    state.terminating += d.deleted;
    state.ready -= d.deletedReady;
    manageError = d.error;
  } else {
    let managed = false;
    if (satisfied && !job.metadata?.deletionTimestamp) {
      const result = await manageJob(parts, state);
      active = result.active;
      manageError = result.error;
      managed = true;
    }
    if (isComplete(job, state.succeeded, active)) {
      state.finishedCondition = newCondition(
        JobConditionType.SuccessCriteriaMet,
        'True',
        JobReason.CompletionsReached,
        JobMessage.CompletionsReached,
        parts.clock.now(),
      );
    } else if (managed) {
      suspendChanged = syncSuspendedCondition(parts, state);
    }
  }
  const needsStatusUpdate =
    suspendChanged ||
    active !== (status.active ?? 0) ||
    state.ready !== status.ready ||
    state.terminating !== status.terminating;
  status.active = active;
  status.ready = state.ready;
  status.terminating = state.terminating;
  await trackJobStatusAndRemoveFinalizers(parts, state, needsStatusUpdate);
  if (manageError !== undefined) throw manageError;
}
