/**
 * Counting finished pods exactly once (upstream trackJobStatusAndRemoveFinalizers): a finished pod still
 * holding the tracking finalizer is first recorded by UID in status.uncountedTerminatedPods (written), then
 * its finalizer is removed, then its UID moves into the succeeded/failed counters (written again). A crash
 * anywhere in between leaves enough in the status to finish the job later without counting twice. Indexed
 * Jobs count succeeded indexes instead. Interim conditions (FailureTarget, SuccessCriteriaMet) are written
 * before finalizers go; the terminal one (Failed, Complete) only once nothing is uncounted or terminating.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import { EventType } from '../../client/record/event-recorder.js';
import { isNotFound } from '../../client/rest/error-predicates.js';
import { validIndex } from './completion-index.js';
import {
  hasBackoffLimitPerIndex,
  hasTrackingFinalizer,
  isIndexedJob,
  isSuccessCriteriaMet,
  JobConditionType,
  JobEventReason,
  type JobCondition,
  type JobStatus,
  successCriteriaMetCondition,
  withJobTypeMeta,
} from './job-api.js';
import { ensureCondition, newCondition } from './job-conditions.js';
import type { JobControllerParts, SyncJobState } from './job-sync-state.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';
import { isPodFailed } from './pod-state.js';
import { removeTrackingFinalizer, settleAll } from './pod-writes.js';

type Uncounted = { succeeded: string[]; failed: string[] };

function uncountedOf(status: JobStatus): Uncounted {
  const u = (status.uncountedTerminatedPods ??= {});
  u.succeeded ??= [];
  u.failed ??= [];
  return u as Uncounted;
}

/**
 * Moves the uncounted UIDs whose pods no longer hold a finalizer into the counters (upstream
 * cleanUncountedPodsWithoutFinalizers). Returns whether the status changed.
 */
export function countUncountedWithoutFinalizers(status: JobStatus, uidsWithFinalizer: ReadonlySet<string>): boolean {
  const u = uncountedOf(status);
  const succeeded = u.succeeded.filter((uid) => uidsWithFinalizer.has(uid));
  const failed = u.failed.filter((uid) => uidsWithFinalizer.has(uid));
  const changed = succeeded.length !== u.succeeded.length || failed.length !== u.failed.length;
  status.succeeded = (status.succeeded ?? 0) + u.succeeded.length - succeeded.length;
  status.failed = (status.failed ?? 0) + u.failed.length - failed.length;
  u.succeeded = succeeded;
  u.failed = failed;
  return changed;
}

/**
 * Whether the pod's finalizer may go: the Job is being deleted or has ended, the pod succeeded, or it failed
 * (unless, with backoffLimitPerIndex, it must wait for its replacement to take over its failure count).
 */
function canRemoveFinalizer(state: SyncJobState, pod: Pod, considerFailed: boolean): boolean {
  if (state.job.metadata?.deletionTimestamp || state.finishedCondition || pod.status?.phase === 'Succeeded')
    return true;
  if (!considerFailed) return false;
  if (hasBackoffLimitPerIndex(state.job)) {
    const ix = validIndex(pod, Number.MAX_SAFE_INTEGER);
    const delayed = ix === undefined ? undefined : state.podsWithDelayedDeletionPerIndex.get(ix);
    if (delayed?.metadata?.uid === pod.metadata?.uid) return false;
  }
  return true;
}

async function writeStatus(parts: JobControllerParts, state: SyncJobState): Promise<void> {
  state.job = await parts.jobClient.updateStatus(state.job.metadata?.namespace ?? '', state.job);
}

/** Removes the finalizers of `pods`, expecting each removal first. Returns which succeeded (NotFound counts). */
async function removeFinalizers(parts: JobControllerParts, state: SyncJobState, pods: readonly Pod[]) {
  parts.finalizerExpectations.expectRemovals(
    state.key,
    pods.map((p) => p.metadata?.uid ?? ''),
  );
  return settleAll(pods, parts.options.writeConcurrency, async (pod) => {
    try {
      await removeTrackingFinalizer(parts, pod);
    } catch (err) {
      parts.finalizerExpectations.observed(state.key, pod.metadata?.uid ?? '');
      if (!isNotFound(err)) throw err;
    }
  });
}

/** Adds the terminal condition once nothing is uncounted or terminating. Returns whether the Job finished. */
function enactJobFinished(parts: JobControllerParts, state: SyncJobState): boolean {
  const finished = state.finishedCondition;
  if (finished === undefined) return false;
  const status = (state.job.status ??= {});
  const u = status.uncountedTerminatedPods;
  if ((u?.succeeded?.length ?? 0) + (u?.failed?.length ?? 0) > 0) return false;
  if (state.terminating > 0) return false;
  const now = parts.clock.now();
  [status.conditions] = ensureCondition(
    status.conditions ?? [],
    finished.type ?? '',
    finished.status ?? 'True',
    finished.reason ?? '',
    finished.message ?? '',
    now,
  );
  if (finished.type === JobConditionType.Complete) {
    status.completionTime = status.conditions.find((c) => c.type === JobConditionType.Complete)?.lastTransitionTime;
  }
  return true;
}

function recordJobFinished(parts: JobControllerParts, state: SyncJobState, finished: JobCondition): void {
  const job = withJobTypeMeta(state.job);
  if (finished.type === JobConditionType.Complete) {
    const completions = job.spec?.completions;
    if (completions !== undefined && completions !== null && (job.status?.succeeded ?? 0) > completions) {
      parts.recorder.event(
        job,
        EventType.Warning,
        JobEventReason.TooManySucceededPods,
        'Too many succeeded pods running after completion count reached',
      );
    }
    parts.recorder.event(job, EventType.Normal, JobEventReason.Completed, 'Job completed');
  } else {
    parts.recorder.event(job, EventType.Warning, finished.reason ?? '', finished.message ?? '');
  }
}

/** Records newly finished pods, removes their finalizers, counts them, and ends the Job when it may. */
export async function trackJobStatusAndRemoveFinalizers(
  parts: JobControllerParts,
  state: SyncJobState,
  needsFlushIn: boolean,
): Promise<void> {
  let needsFlush = needsFlushIn;
  const job = state.job;
  const status = (job.status ??= {});
  const indexed = isIndexedJob(job);
  const completions = job.spec?.completions ?? 0;
  const pods = indexed
    ? [...state.pods].sort((a, b) => (validIndex(a, Infinity) ?? -1) - (validIndex(b, Infinity) ?? -1))
    : state.pods;
  const withFinalizer = new Set<string>();
  for (const p of pods) {
    const uid = p.metadata?.uid ?? '';
    if (hasTrackingFinalizer(p) && !state.expectedRmFinalizers.has(uid)) withFinalizer.add(uid);
  }
  if (countUncountedWithoutFinalizers(status, withFinalizer)) needsFlush = true;
  const uncounted = uncountedOf(status);
  const toRemove: Pod[] = [];
  const newSucceededIndexes: number[] = [];
  let reachedMaxUncounted = false;
  for (const pod of pods) {
    const uid = pod.metadata?.uid ?? '';
    if (!withFinalizer.has(uid)) continue;
    const considerFailed = isPodFailed(pod, job);
    if (!canRemoveFinalizer(state, pod, considerFailed)) continue;
    toRemove.push(pod);
    if (pod.status?.phase === 'Succeeded' && !state.uncounted.failed.has(uid)) {
      if (indexed) {
        const ix = validIndex(pod, completions);
        if (ix !== undefined && !state.prevSucceededIndexes.has(ix)) {
          newSucceededIndexes.push(ix);
          needsFlush = true;
        }
      } else if (!state.uncounted.succeeded.has(uid)) {
        uncounted.succeeded.push(uid);
        needsFlush = true;
      }
    } else if (considerFailed || (state.finishedCondition && !isSuccessCriteriaMet(state.finishedCondition))) {
      // Once the Job has failed, every pod that has not succeeded counts as failed.
      const validForIndexed = !indexed || validIndex(pod, completions) !== undefined;
      if (!state.uncounted.failed.has(uid) && validForIndexed) {
        if (matchPodFailurePolicy(job.spec?.podFailurePolicy, pod).countFailed) {
          uncounted.failed.push(uid);
          needsFlush = true;
        }
      }
    }
    const total = newSucceededIndexes.length + uncounted.succeeded.length + uncounted.failed.length;
    if (total >= parts.options.maxUncountedPods) {
      // Keep the status small and the sync short; the writes below bring this Job back to the queue.
      reachedMaxUncounted = true;
      break;
    }
  }
  if (indexed) {
    state.succeededIndexes = state.succeededIndexes.withIndexes(newSucceededIndexes);
    const text = state.succeededIndexes.toString();
    if (text !== (status.completedIndexes ?? '')) needsFlush = true;
    status.succeeded = state.succeededIndexes.total();
    status.completedIndexes = text;
    const failedText = state.failedIndexes?.toString();
    if (failedText !== (status.failedIndexes ?? undefined)) {
      status.failedIndexes = failedText;
      needsFlush = true;
    }
  }
  const now = parts.clock.now();
  const interim = state.finishedCondition;
  if (interim?.type === JobConditionType.FailureTarget) {
    status.conditions = [...(status.conditions ?? []), interim];
    needsFlush = true;
    state.finishedCondition = newCondition(
      JobConditionType.Failed,
      'True',
      interim.reason ?? '',
      interim.message ?? '',
      now,
    );
  } else if (interim !== undefined && isSuccessCriteriaMet(interim)) {
    if (successCriteriaMetCondition(job) === undefined) {
      status.conditions = [...(status.conditions ?? []), interim];
      needsFlush = true;
    }
    state.finishedCondition = newCondition(
      JobConditionType.Complete,
      'True',
      interim.reason ?? '',
      interim.message ?? '',
      now,
    );
  }
  needsFlush = await flushUncountedAndRemoveFinalizers(parts, state, toRemove, withFinalizer, needsFlush);
  const finished = !reachedMaxUncounted && enactJobFinished(parts, state);
  if (finished) needsFlush = true;
  if (needsFlush) {
    await writeStatus(parts, state);
    if (finished && state.finishedCondition) recordJobFinished(parts, state, state.finishedCondition);
  }
}

/**
 * Writes the status if needed (new uncounted UIDs, interim conditions), removes the finalizers, counts the
 * pods whose finalizer went, and writes again if some removal failed. Returns whether the status still needs
 * writing. @throws the first failed removal (after saving partial progress).
 */
async function flushUncountedAndRemoveFinalizers(
  parts: JobControllerParts,
  state: SyncJobState,
  toRemove: readonly Pod[],
  withFinalizer: Set<string>,
  needsFlushIn: boolean,
): Promise<boolean> {
  let needsFlush = needsFlushIn;
  if (needsFlush) {
    await writeStatus(parts, state);
    parts.backoff.update(state.newBackoffRecord);
    needsFlush = false;
  }
  let removalError: unknown;
  if (toRemove.length > 0) {
    const results = await removeFinalizers(parts, state, toRemove);
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') withFinalizer.delete(toRemove[i]?.metadata?.uid ?? '');
      else removalError ??= r.reason;
    });
  }
  if (countUncountedWithoutFinalizers((state.job.status ??= {}), withFinalizer)) needsFlush = true;
  if (removalError !== undefined) {
    if (needsFlush) await writeStatus(parts, state);
    throw removalError;
  }
  return needsFlush;
}
