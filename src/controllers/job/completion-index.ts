/**
 * Indexed Jobs: each pod carries its completion index (annotation and label
 * `batch.kubernetes.io/job-completion-index`), the Job succeeds once every index below `completions` has a
 * succeeded pod, and, with backoffLimitPerIndex, each index fails on its own once its pods failed too often
 * (counted in the `job-index-failure-count` annotation carried from each pod to its replacement).
 */
import type { Job } from '../../api/batch/v1/job.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { hasTrackingFinalizer, JobAnnotation } from './job-api.js';
import { goAtoi, OrderedIntervals } from './ordered-intervals.js';
import { matchPodFailurePolicy, PodFailurePolicyAction } from './pod-failure-policy.js';
import { byGiveUpOrder, finishedTime, isPodFailed, isPodTerminating } from './pod-state.js';

/** Go's MaxInt32: a per-index count beyond it is treated as absent. */
const MAX_INT32 = 2147483647;

/** The longest generateName a server keeps whole (upstream names.MaxGeneratedNameLength). */
const MAX_GENERATED_NAME_LENGTH = 58;

/** The pod's completion index; undefined when absent, unreadable or negative. */
export function completionIndex(pod: Pod): number | undefined {
  const text = pod.metadata?.annotations?.[JobAnnotation.CompletionIndex];
  if (text === undefined) return undefined;
  const n = goAtoi(text);
  return n === undefined || n < 0 ? undefined : n;
}

/** A valid index for a Job of `completions`. */
export const validIndex = (pod: Pod, completions: number): number | undefined => {
  const ix = completionIndex(pod);
  return ix !== undefined && ix < completions ? ix : undefined;
};

function int32Annotation(pod: Pod, key: string): number {
  const text = pod.metadata?.annotations?.[key];
  if (text === undefined) return 0;
  const n = goAtoi(text);
  return n === undefined || n < 0 || n > MAX_INT32 ? 0 : n;
}

/** Failures counted against the pod's index so far (before this pod). */
export const indexFailureCount = (pod: Pod): number => int32Annotation(pod, JobAnnotation.IndexFailureCount);

/** Failures so far, ignored ones included. */
export const indexAbsoluteFailureCount = (pod: Pod): number =>
  indexFailureCount(pod) + int32Annotation(pod, JobAnnotation.IndexIgnoredFailureCount);

/** The indexes of `pods` that have one. */
export function indexesOf(pods: readonly Pod[]): Set<number> {
  const out = new Set<number>();
  for (const p of pods) {
    const ix = completionIndex(p);
    if (ix !== undefined) out.add(ix);
  }
  return out;
}

/** The previously counted succeeded indexes (from status) and those plus the newly succeeded pods' ones. */
export function calculateSucceededIndexes(job: Job, pods: readonly Pod[]): [OrderedIntervals, OrderedIntervals] {
  const completions = job.spec?.completions ?? 0;
  const previous = OrderedIntervals.parse(job.status?.completedIndexes, completions);
  const added: number[] = [];
  for (const p of pods) {
    const ix = validIndex(p, completions);
    if (p.status?.phase === 'Succeeded' && ix !== undefined && hasTrackingFinalizer(p)) added.push(ix);
  }
  return [previous, previous.withIndexes(added)];
}

/** Whether a failed pod's index is now failed for good (its failures reached backoffLimitPerIndex, or FailIndex). */
export function isIndexFailed(job: Job, pod: Pod): boolean {
  if (!isPodFailed(pod, job)) return false;
  let counted = true;
  if (job.spec?.podFailurePolicy) {
    const match = matchPodFailurePolicy(job.spec.podFailurePolicy, pod);
    if (match.action === PodFailurePolicyAction.FailIndex) return true;
    counted = match.countFailed;
  }
  return counted && indexFailureCount(pod) >= (job.spec?.backoffLimitPerIndex ?? 0);
}

/** The failed indexes: those in status plus the indexes of newly failed pods that are now failed for good. */
export function calculateFailedIndexes(job: Job, pods: readonly Pod[]): OrderedIntervals {
  const completions = job.spec?.completions ?? 0;
  const previous = OrderedIntervals.parse(job.status?.failedIndexes, completions);
  const added: number[] = [];
  for (const p of pods) {
    const ix = validIndex(p, completions);
    if (ix !== undefined && hasTrackingFinalizer(p) && isIndexFailed(job, p)) added.push(ix);
  }
  return previous.withIndexes(added);
}

export interface PendingIndexInput {
  readonly job: Job;
  readonly pods: readonly Pod[];
  readonly activePods: readonly Pod[];
  readonly succeededIndexes: OrderedIntervals;
  readonly failedIndexes?: OrderedIntervals | undefined;
}

/**
 * The first `count` indexes below `completions` that no active pod holds and that did not succeed or fail
 * for good; terminating pods hold their index too when only failed pods are replaced.
 */
export function firstPendingIndexes(
  input: PendingIndexInput,
  count: number,
  completions: number,
  onlyFailed: boolean,
): number[] {
  if (count <= 0) return [];
  let taken = input.succeededIndexes.withIndexes(indexesOf(input.activePods));
  if (onlyFailed) taken = taken.withIndexes(indexesOf(input.pods.filter(isPodTerminating)));
  if (input.failedIndexes) taken = taken.merge(input.failedIndexes);
  const out: number[] = [];
  for (let candidate = 0; candidate < completions && out.length < count; candidate++) {
    if (!taken.has(candidate)) out.push(candidate);
  }
  return out;
}

/**
 * Active pods that must go because their index is missing, out of range, or held by another pod too (of
 * each repeated index, the pod kept is the one given up last). Returns [to remove, kept].
 */
export function duplicatedIndexPods(pods: readonly Pod[], completions: number): [Pod[], Pod[]] {
  const remove: Pod[] = [];
  const keep: Pod[] = [];
  const byIndex = new Map<number, Pod[]>();
  for (const p of pods) {
    const ix = completionIndex(p);
    if (ix === undefined || ix >= completions) remove.push(p);
    else byIndex.set(ix, [...(byIndex.get(ix) ?? []), p]);
  }
  for (const ix of [...byIndex.keys()].sort((a, b) => a - b)) {
    const same = byGiveUpOrder(byIndex.get(ix) ?? []);
    remove.push(...same.slice(0, -1));
    const last = same[same.length - 1];
    if (last !== undefined) keep.push(last);
  }
  return [remove, keep];
}

/** `<job>-<index>-`, cut so that the server's random suffix still fits (upstream podGenerateNameWithIndex). */
export function generateNameWithIndex(jobName: string, index: number): string {
  const suffix = `-${index}-`;
  const prefix = `${jobName}${suffix}`;
  return prefix.length > MAX_GENERATED_NAME_LENGTH
    ? `${prefix.slice(0, MAX_GENERATED_NAME_LENGTH - suffix.length)}${suffix}`
    : prefix;
}

export interface DelayedDeletionInput extends PendingIndexInput {
  /** Pods already counted or whose finalizer removal is in flight are not candidates. */
  readonly isCandidate: (pod: Pod) => boolean;
}

/**
 * With backoffLimitPerIndex: per index not yet succeeded, failed or active, the last failed pod, whose
 * finalizer stays until its replacement is created, so that the replacement can carry its failure count.
 */
export function podsWithDelayedDeletionPerIndex(input: DelayedDeletionInput): Map<number, Pod> {
  const completions = input.job.spec?.completions ?? 0;
  const active = indexesOf(input.activePods);
  const out = new Map<number, Pod>();
  for (const p of input.pods) {
    if (!input.isCandidate(p) || !isPodFailed(p, input.job)) continue;
    const ix = validIndex(p, completions);
    if (ix === undefined) continue;
    if (input.succeededIndexes.has(ix) || input.failedIndexes?.has(ix) || active.has(ix)) continue;
    const current = out.get(ix);
    if (
      current === undefined ||
      (indexAbsoluteFailureCount(current) <= indexAbsoluteFailureCount(p) && finishedTime(p) >= finishedTime(current))
    ) {
      out.set(ix, p);
    }
  }
  return out;
}

/** The failure counts a replacement of `replaced` carries: [counted, ignored] (upstream getNewIndexFailureCounts). */
export function newIndexFailureCounts(job: Job, replaced: Pod | undefined): [number, number] {
  if (replaced === undefined) return [0, 0];
  let counted = indexFailureCount(replaced);
  let ignored = int32Annotation(replaced, JobAnnotation.IndexIgnoredFailureCount);
  if (!job.spec?.podFailurePolicy || matchPodFailurePolicy(job.spec.podFailurePolicy, replaced).countFailed) counted++;
  else ignored++;
  return [counted, ignored];
}
