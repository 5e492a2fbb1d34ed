/**
 * Which pods a Job owns (upstream getPodsForJob with PodControllerRefManager.ClaimPods): the pods whose
 * controller it is and that its selector still matches, plus orphans its selector matches, which it adopts
 * (controller reference and tracking finalizer added) unless it or they are being deleted. Owned pods its
 * selector no longer matches are released (reference and finalizer removed). Pods come from an informer
 * index by controller UID (orphans by namespace), so a Job never scans every pod.
 */
import type { Job } from '../../api/batch/v1/job.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import type { KubeObject } from '../../client/kube-object.js';
import { isNotFound } from '../../client/rest/error-predicates.js';
import { errorString } from '../../machinery/field-errors.js';
import { labelSelectorFromObject, type LabelSelectorObject } from '../../machinery/labels/index.js';
import type { LabelSelector } from '../../machinery/labels/selector.js';
import { controllerOf, controllerRef } from '../framework/owner-references.js';
import { JOB_API_VERSION, JOB_KIND, JOB_TRACKING_FINALIZER } from './job-api.js';
import type { JobControllerParts } from './job-sync-state.js';

/** The pod index: controller UID, or `orphan:<namespace>` for pods without a controller. */
export const JOB_POD_INDEX = 'batch.skiff.dev/controller-uid-or-orphan-namespace';
const ORPHAN_PREFIX = 'orphan:';

export function podIndexValues(obj: KubeObject): string[] {
  const uid = controllerOf(obj)?.uid;
  return uid ? [uid] : [`${ORPHAN_PREFIX}${obj.metadata?.namespace ?? ''}`];
}

/** Adds the index to the pod informer unless it has it already. */
export function ensurePodIndex(pods: SharedInformer<Pod>): void {
  try {
    pods.indexer.listIndexFuncValues(JOB_POD_INDEX);
  } catch {
    pods.addIndexers({ [JOB_POD_INDEX]: podIndexValues });
  }
}

/** The cached pods controlled by the object with `uid` (shared: do not mutate). */
export const podsControlledBy = (pods: SharedInformer<Pod>, uid: string): Pod[] =>
  pods.indexer.byIndex(JOB_POD_INDEX, uid);

/** The cached pods of `namespace` without a controller (shared: do not mutate). */
export const orphanPodsIn = (pods: SharedInformer<Pod>, namespace: string): Pod[] =>
  pods.indexer.byIndex(JOB_POD_INDEX, `${ORPHAN_PREFIX}${namespace}`);

/** The Job's selector. @throws when it does not convert (the sync fails, as upstream's). */
export function jobSelector(job: Job): LabelSelector {
  const result = labelSelectorFromObject(job.spec?.selector as LabelSelectorObject | undefined);
  if (!result.ok) throw new Error(`couldn't convert Job selector: ${result.errors.map(errorString).join(', ')}`);
  return result.selector;
}

const nameOf = (job: Job): string => `${job.metadata?.namespace ?? ''}/${job.metadata?.name ?? ''}`;

/** The pods `job` owns after adopting and releasing; adopted ones are returned with the finalizer added. */
export async function claimPods(parts: JobControllerParts, job: Job): Promise<Pod[]> {
  const selector = jobSelector(job);
  const namespace = job.metadata?.namespace ?? '';
  const uid = job.metadata?.uid ?? '';
  const deleting = Boolean(job.metadata?.deletionTimestamp);
  const claimed: Pod[] = [];
  const errors: unknown[] = [];
  for (const pod of podsControlledBy(parts.pods, uid)) {
    if (selector.matches(pod.metadata?.labels)) claimed.push(pod);
    else if (!deleting) await release(parts, job, pod).catch((err: unknown) => errors.push(err));
  }
  let adoptable: Promise<void> | undefined;
  for (const pod of orphanPodsIn(parts.pods, namespace)) {
    if (deleting || !selector.matches(pod.metadata?.labels) || pod.metadata?.deletionTimestamp) continue;
    try {
      // Recheck once, against the server, that the Job is still there and not being deleted.
      await (adoptable ??= recheckNotDeleted(parts, job));
      await adopt(parts, job, pod);
      const finalizers = pod.metadata?.finalizers ?? [];
      claimed.push(
        finalizers.includes(JOB_TRACKING_FINALIZER)
          ? pod
          : { ...pod, metadata: { ...pod.metadata, finalizers: [...finalizers, JOB_TRACKING_FINALIZER] } },
      );
    } catch (err) {
      if (!isNotFound(err)) errors.push(err);
    }
  }
  if (errors.length > 0) throw errors[0];
  return claimed;
}

async function recheckNotDeleted(parts: JobControllerParts, job: Job): Promise<void> {
  const fresh = await parts.jobClient.get(job.metadata?.namespace ?? '', job.metadata?.name ?? '');
  if (fresh.metadata?.uid !== job.metadata?.uid) {
    throw new Error(
      `original Job ${nameOf(job)} is gone: got uid ${fresh.metadata?.uid ?? ''}, wanted ${job.metadata?.uid ?? ''}`,
    );
  }
  if (fresh.metadata?.deletionTimestamp) {
    throw new Error(`${nameOf(job)} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
  }
}

async function adopt(parts: JobControllerParts, job: Job, pod: Pod): Promise<void> {
  const patch = {
    metadata: {
      ownerReferences: [controllerRef(job, JOB_API_VERSION, JOB_KIND)],
      uid: pod.metadata?.uid,
      finalizers: [JOB_TRACKING_FINALIZER],
    },
  };
  await parts.podClient.patch(pod.metadata?.namespace ?? '', pod.metadata?.name ?? '', 'strategic', patch);
}

async function release(parts: JobControllerParts, job: Job, pod: Pod): Promise<void> {
  const patch = {
    metadata: {
      ownerReferences: [{ $patch: 'delete', uid: job.metadata?.uid }],
      uid: pod.metadata?.uid,
      '$deleteFromPrimitiveList/finalizers': [JOB_TRACKING_FINALIZER],
    },
  };
  try {
    await parts.podClient.patch(pod.metadata?.namespace ?? '', pod.metadata?.name ?? '', 'strategic', patch);
  } catch (err) {
    // Gone already, or its uid changed (a new pod of the same name): nothing to release.
    if (!isNotFound(err)) throw err;
  }
}
