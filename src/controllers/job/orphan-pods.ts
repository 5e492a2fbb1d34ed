/**
 * Pods left holding the tracking finalizer with no Job to count them (upstream syncOrphanPod): the pod has
 * no controller, its Job is gone, or its Job has finished. The finalizer comes off so that the pod can go.
 * Pods of a Job that is still running (it may have just adopted them), of a Job another controller manages,
 * or controlled by something that is not a batch/v1 Job, keep it.
 */
import type { Job } from '../../api/batch/v1/job.js';
import { isNotFound } from '../../client/rest/error-predicates.js';
import { controllerOf } from '../framework/owner-references.js';
import type { ObjectName } from '../framework/reconcile-loop.js';
import { isJobFinished, JOB_API_VERSION, JOB_KIND } from './job-api.js';
import type { JobControllerParts } from './job-sync-state.js';
import { managedElsewhere } from './job-sync.js';
import { removeTrackingFinalizer } from './pod-writes.js';

/** The cached Job `ref` names in `namespace`, if it is the same object (same UID). */
export function resolveJob(
  parts: Pick<JobControllerParts, 'jobs'>,
  namespace: string,
  ref: { kind: string; name: string; uid: string },
): Job | undefined {
  if (ref.kind !== JOB_KIND) return undefined;
  const job = parts.jobs.indexer.getByKey(`${namespace}/${ref.name}`);
  return job?.metadata?.uid === ref.uid ? job : undefined;
}

/** Takes the finalizer off the orphaned pod of `name`, when it still is one. @throws failed patches. */
export async function syncOrphanPod(parts: JobControllerParts, name: ObjectName): Promise<void> {
  const pod = parts.pods.indexer.getByKey(`${name.namespace}/${name.name}`);
  if (pod === undefined) return;
  const ref = controllerOf(pod);
  if (ref !== undefined) {
    if (ref.kind !== JOB_KIND || ref.apiVersion !== JOB_API_VERSION) return;
    const job = resolveJob(parts, name.namespace, ref);
    if (job !== undefined && managedElsewhere(job)) return;
    if (job !== undefined && !isJobFinished(job)) return;
  }
  try {
    await removeTrackingFinalizer(parts, pod);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
