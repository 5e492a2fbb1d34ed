/**
 * The Job controller's writes to pods (upstream RealPodControl as the Job controller uses it): create and
 * delete with events on the Job (`SuccessfulCreate` "Created pod: x", `FailedCreate` "Error creating: …",
 * `SuccessfulDelete` "Deleted pod: x", `FailedDelete` "Error deleting: …"), and strategic-merge patches that
 * take the tracking finalizer off. Also a bounded-concurrency map for doing many of them at once.
 */
import type { Job } from '../../api/batch/v1/job.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { EventType } from '../../client/record/event-recorder.js';
import { isNotFound } from '../../client/rest/error-predicates.js';
import { StatusError } from '../../machinery/status.js';
import { hasTrackingFinalizer, JOB_TRACKING_FINALIZER, JobEventReason, withJobTypeMeta } from './job-api.js';
import type { JobControllerParts } from './job-sync-state.js';

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Whether a creation was refused because the namespace is being deleted (upstream's NamespaceTerminating cause). */
export function isNamespaceTerminating(err: unknown): boolean {
  return (
    err instanceof StatusError && (err.status.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating')
  );
}

/** Creates `pod` for `job` and records the event. @throws what the server answered (after a FailedCreate event). */
export async function createJobPod(parts: JobControllerParts, job: Job, pod: Pod): Promise<void> {
  const namespace = job.metadata?.namespace ?? '';
  if (Object.keys(pod.metadata?.labels ?? {}).length === 0) throw new Error('unable to create pods, no labels');
  try {
    const created = await parts.podClient.create(namespace, pod);
    const name = created.metadata?.name ?? '';
    parts.recorder.event(
      withJobTypeMeta(job),
      EventType.Normal,
      JobEventReason.SuccessfulCreate,
      `Created pod: ${name}`,
    );
  } catch (err) {
    if (!isNamespaceTerminating(err)) {
      parts.recorder.event(
        withJobTypeMeta(job),
        EventType.Warning,
        JobEventReason.FailedCreate,
        `Error creating: ${messageOf(err)}`,
      );
    }
    throw err;
  }
}

/** Deletes `pod` of `job` and records the event. @throws NotFound as is (no event), others after FailedDelete. */
export async function deleteJobPod(parts: JobControllerParts, job: Job, pod: Pod): Promise<void> {
  const name = pod.metadata?.name ?? '';
  try {
    await parts.podClient.delete(pod.metadata?.namespace ?? '', name);
  } catch (err) {
    if (isNotFound(err)) throw err;
    parts.recorder.event(
      withJobTypeMeta(job),
      EventType.Warning,
      JobEventReason.FailedDelete,
      `Error deleting: ${messageOf(err)}`,
    );
    throw new Error(`unable to delete pods: ${messageOf(err)}`, { cause: err });
  }
  parts.recorder.event(withJobTypeMeta(job), EventType.Normal, JobEventReason.SuccessfulDelete, `Deleted pod: ${name}`);
}

/** Takes the tracking finalizer off `pod` (nothing to do when it has none). @throws what the server answered. */
export async function removeTrackingFinalizer(parts: JobControllerParts, pod: Pod): Promise<void> {
  if (!hasTrackingFinalizer(pod)) return;
  const patch = { metadata: { '$deleteFromPrimitiveList/finalizers': [JOB_TRACKING_FINALIZER] } };
  await parts.podClient.patch(pod.metadata?.namespace ?? '', pod.metadata?.name ?? '', 'strategic', patch);
}

/** Runs `fn` over `items`, at most `limit` at once; settles every call and returns the outcomes in order. */
export async function settleAll<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array<PromiseSettledResult<R>>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = { status: 'fulfilled', value: await fn(items[i] as T, i) };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** The first rejection among `results`, if any. */
export function firstError(results: readonly PromiseSettledResult<unknown>[]): unknown {
  return results.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason;
}
