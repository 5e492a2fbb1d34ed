/**
 * Bringing a Job's active pods to what it wants (upstream manageJob): a suspended Job loses all of them; one
 * with too many (or, Indexed, with repeated or out-of-range indexes) loses the surplus, least advanced first;
 * one with too few gets new pods — after the failure back-off has passed — in slow-start batches, Indexed
 * Jobs for their lowest pending indexes. Deletion and creation never happen in the same sync. Every write
 * is expected first, so that the Job is not acted on again before the informer has seen it.
 */
import type { Job } from '../../api/batch/v1/job.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { isNotFound } from '../../client/rest/error-predicates.js';
import { isPodReady } from '../framework/pod-conditions.js';
import { duplicatedIndexPods, firstPendingIndexes, indexAbsoluteFailureCount } from './completion-index.js';
import { hasBackoffLimitPerIndex, isIndexedJob, isJobSuspended, onlyReplaceFailedPods } from './job-api.js';
import { wantActive } from './job-arithmetic.js';
import { podForJob } from './job-pod-template.js';
import type { JobControllerParts, SyncJobState } from './job-sync-state.js';
import { remainingBackoffMs } from './pod-backoff.js';
import { byGiveUpOrder, finishedTime } from './pod-state.js';
import {
  createJobPod,
  deleteJobPod,
  firstError,
  isNamespaceTerminating,
  removeTrackingFinalizer,
  settleAll,
} from './pod-writes.js';

/** Upstream SlowStartInitialBatchSize. */
const SLOW_START_INITIAL_BATCH_SIZE = 1;

export interface ManageResult {
  /** Active pods after this sync's writes. */
  readonly active: number;
  /** The first write that failed, if any (the sync then fails and is retried with back-off). */
  readonly error?: unknown;
}

/** The active pods to delete so that at least `rmAtLeast` go (Indexed: duplicates and strays always go). */
export function activePodsForRemoval(job: Job, pods: readonly Pod[], rmAtLeast: number): Pod[] {
  let remove: Pod[] = [];
  let left: readonly Pod[] = pods;
  if (isIndexedJob(job)) [remove, left] = duplicatedIndexPods(pods, job.spec?.completions ?? 0);
  if (remove.length < rmAtLeast) remove = [...remove, ...byGiveUpOrder(left).slice(0, rmAtLeast - remove.length)];
  return remove;
}

interface Deleted {
  readonly deleted: number;
  readonly deletedReady: number;
  readonly error?: unknown;
}

/** Deletes `pods` keeping their finalizers (the Job has finished: tracking counts them). NotFound counts as done. */
export async function deleteActivePods(parts: JobControllerParts, job: Job, pods: readonly Pod[]): Promise<Deleted> {
  const results = await settleAll(pods, parts.options.writeConcurrency, async (pod) => {
    try {
      await deleteJobPod(parts, job, pod);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  });
  return tally(pods, results);
}

/** Removes the finalizer of each of `pods`, then deletes it; a failure is observed so expectations stay right. */
async function deleteJobPods(parts: JobControllerParts, state: SyncJobState, pods: readonly Pod[]): Promise<Deleted> {
  const results = await settleAll(pods, parts.options.writeConcurrency, async (pod) => {
    try {
      try {
        await removeTrackingFinalizer(parts, pod);
      } catch (err) {
        throw new Error(`removing completion finalizer: ${err instanceof Error ? err.message : String(err)}`, {
          cause: err,
        });
      }
      await deleteJobPod(parts, state.job, pod);
    } catch (err) {
      // The informer will not see this deletion.
      parts.expectations.deletionObserved(state.key);
      if (!isNotFound(err) && !isNotFound((err as { cause?: unknown }).cause)) throw err;
    }
  });
  return tally(pods, results);
}

function tally(pods: readonly Pod[], results: readonly PromiseSettledResult<void>[]): Deleted {
  let deleted = 0;
  let deletedReady = 0;
  results.forEach((r, i) => {
    if (r.status !== 'fulfilled') return;
    deleted++;
    const pod = pods[i];
    if (pod !== undefined && isPodReady(pod)) deletedReady++;
  });
  const error = firstError(results);
  return error === undefined ? { deleted, deletedReady } : { deleted, deletedReady, error };
}

function applyDeletions(state: SyncJobState, active: number, d: Deleted): ManageResult {
  state.terminating += d.deleted;
  state.ready -= d.deletedReady;
  const result = { active: active - d.deleted };
  return d.error === undefined ? result : { ...result, error: d.error };
}

/** Of `indexes`, those whose back-off passed; or, when none did, the shortest wait among them. */
function indexesReadyNow(
  parts: JobControllerParts,
  state: SyncJobState,
  indexes: readonly number[],
): [number[], number] {
  const now = parts.clock.now();
  const timings = { baseMs: parts.options.podFailureBackoffMs, maxMs: parts.options.maxPodFailureBackoffMs };
  const ready: number[] = [];
  let minWait: number | undefined;
  for (const ix of indexes) {
    const last = state.podsWithDelayedDeletionPerIndex.get(ix);
    const wait =
      last === undefined
        ? 0
        : remainingBackoffMs(timings, indexAbsoluteFailureCount(last) + 1, finishedTime(last), now);
    if (wait === 0) ready.push(ix);
    else if (minWait === undefined || wait < minWait) minWait = wait;
  }
  return ready.length > 0 ? [ready, 0] : [[], minWait ?? 0];
}

/** Creates `count` pods (for `indexes` when Indexed) in slow-start batches. */
async function createPods(
  parts: JobControllerParts,
  state: SyncJobState,
  active: number,
  count: number,
  indexes: number[] | undefined,
): Promise<ManageResult> {
  const key = state.key;
  parts.expectations.expect(key, count, 0);
  let created = active + count;
  let remaining = count;
  let error: unknown;
  const pending = indexes === undefined ? undefined : [...indexes];
  for (
    let batch = Math.min(remaining, SLOW_START_INITIAL_BATCH_SIZE);
    remaining > 0;
    batch = Math.min(2 * batch, remaining)
  ) {
    const pods = Array.from({ length: batch }, () => {
      const index = pending?.shift();
      return podForJob(
        state.job,
        index,
        index === undefined ? undefined : state.podsWithDelayedDeletionPerIndex.get(index),
      );
    });
    const results = await settleAll(pods, parts.options.writeConcurrency, (pod) => createJobPod(parts, state.job, pod));
    let failed = 0;
    for (const r of results) {
      if (r.status === 'fulfilled') continue;
      // The informer will not see this pod.
      parts.expectations.creationObserved(key);
      created--;
      if (isNamespaceTerminating(r.reason)) continue;
      failed++;
      error ??= r.reason;
    }
    remaining -= batch;
    if (failed > 0 && remaining > 0) {
      // Slow start: the rest would most likely fail the same way; the next sync tries again.
      for (let i = 0; i < remaining; i++) parts.expectations.creationObserved(key);
      created -= remaining;
      break;
    }
  }
  return error === undefined ? { active: created } : { active: created, error };
}

/** Upstream manageJob. Called only when expectations are satisfied and the Job is not being deleted. */
export async function manageJob(parts: JobControllerParts, state: SyncJobState): Promise<ManageResult> {
  const job = state.job;
  const active = state.activePods.length;
  if (isJobSuspended(job)) {
    const toDelete = activePodsForRemoval(job, state.activePods, active);
    parts.expectations.expect(state.key, 0, toDelete.length);
    return applyDeletions(state, active, await deleteJobPods(parts, state, toDelete));
  }
  const want = wantActive(job, state.succeeded, active);
  const toDelete = activePodsForRemoval(job, state.activePods, Math.max(0, active - want)).slice(
    0,
    parts.options.maxPodCreateDeletePerSync,
  );
  if (toDelete.length > 0) {
    parts.expectations.expect(state.key, 0, toDelete.length);
    return applyDeletions(state, active, await deleteJobPods(parts, state, toDelete));
  }
  const onlyFailed = onlyReplaceFailedPods(job);
  let diff = want - (onlyFailed ? state.terminating : 0) - active;
  if (diff <= 0) return { active };
  if (!hasBackoffLimitPerIndex(job)) {
    const timings = { baseMs: parts.options.podFailureBackoffMs, maxMs: parts.options.maxPodFailureBackoffMs };
    const record = state.newBackoffRecord;
    const wait = remainingBackoffMs(timings, record.failuresAfterLastSuccess, record.lastFailureMs, parts.clock.now());
    if (wait > 0) {
      parts.requeueAfter(state.key, Math.max(wait, parts.options.syncBatchPeriodMs));
      return { active };
    }
  }
  diff = Math.min(diff, parts.options.maxPodCreateDeletePerSync);
  let indexes: number[] | undefined;
  if (isIndexedJob(job)) {
    indexes = firstPendingIndexes(state, diff, job.spec?.completions ?? 0, onlyFailed);
    if (hasBackoffLimitPerIndex(job)) {
      const [now, wait] = indexesReadyNow(parts, state, indexes);
      if (wait > 0) {
        parts.requeueAfter(state.key, Math.max(wait, parts.options.syncBatchPeriodMs));
        return { active };
      }
      indexes = now;
    }
    diff = indexes.length;
  }
  return createPods(parts, state, active, diff, indexes);
}
