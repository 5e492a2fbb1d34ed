/**
 * Creating and deleting daemon pods (upstream syncNodes): writes are recorded as expectations first, so the
 * DaemonSet is not managed again until the informer has seen them; creations go in slow-start batches (1,
 * 2, 4 …) so that a quota or webhook refusing every pod is hit once, not a thousand times; at most 250
 * creations and 250 deletions per sync. Each pod is pinned to its node by required node affinity on
 * `metadata.name`, and the default scheduler binds it there.
 */
import type { DaemonSet } from '../../api/apps/v1/daemon-set.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { type EventRecorder, EventType } from '../../client/record/event-recorder.js';
import { isNotFound } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import type { Expectations } from '../framework/expectations.js';
import { controllerRef } from '../framework/owner-references.js';
import { isNamespaceTerminating, PodEventReason } from '../replicaset/manage-replicas.js';
import { podFromTemplate } from '../replicaset/pod-from-template.js';
import { SLOW_START_INITIAL_BATCH_SIZE } from '../replicaset/slow-start.js';
import { aggregate, messageOf } from '../statefulset/aggregate-error.js';
import { daemonPodTemplate, pinToNode } from './daemon-pod-template.js';
import {
  DAEMON_SET_API_VERSION,
  DAEMON_SET_KIND,
  templateGenerationOf,
  withDaemonSetTypeMeta,
} from './daemon-set-spec.js';

/** Upstream BurstReplicas for DaemonSets: creations (and deletions) per sync at most. */
export const DAEMON_BURST_REPLICAS = 250;

export interface DaemonPodControl {
  readonly pods: ResourceClient<Pod>;
  readonly recorder: EventRecorder;
  readonly expectations: Expectations;
}

async function createPod(control: DaemonPodControl, ds: DaemonSet, pod: Pod): Promise<void> {
  const owner = withDaemonSetTypeMeta(ds);
  if (Object.keys(pod.metadata?.labels ?? {}).length === 0) throw new Error('unable to create pods, no labels');
  try {
    const created = await control.pods.create(ds.metadata?.namespace ?? '', pod);
    control.recorder.event(
      owner,
      EventType.Normal,
      PodEventReason.SuccessfulCreate,
      `Created pod: ${created.metadata?.name ?? ''}`,
    );
  } catch (err) {
    if (!isNamespaceTerminating(err)) {
      control.recorder.event(
        owner,
        EventType.Warning,
        PodEventReason.FailedCreate,
        `Error creating: ${messageOf(err)}`,
      );
    }
    throw err;
  }
}

async function deletePod(control: DaemonPodControl, ds: DaemonSet, name: string): Promise<void> {
  const owner = withDaemonSetTypeMeta(ds);
  try {
    await control.pods.delete(ds.metadata?.namespace ?? '', name);
  } catch (err) {
    if (isNotFound(err)) throw err;
    control.recorder.event(owner, EventType.Warning, PodEventReason.FailedDelete, `Error deleting: ${messageOf(err)}`);
    throw new Error(`unable to delete pods: ${messageOf(err)}`, { cause: err });
  }
  control.recorder.event(owner, EventType.Normal, PodEventReason.SuccessfulDelete, `Deleted pod: ${name}`);
}

/**
 * Deletes the pods named `podsToDelete` and creates a pod on each node of `nodesNeedingPods`, labelled
 * with `hash`, for the DaemonSet whose expectations key is `key`. @throws every failure, aggregated.
 */
export async function syncNodes(
  control: DaemonPodControl,
  ds: DaemonSet,
  key: string,
  podsToDelete: readonly string[],
  nodesNeedingPods: readonly string[],
  hash: string,
): Promise<void> {
  const createDiff = Math.min(nodesNeedingPods.length, DAEMON_BURST_REPLICAS);
  const deleteDiff = Math.min(podsToDelete.length, DAEMON_BURST_REPLICAS);
  control.expectations.expect(key, createDiff, deleteDiff);
  const errors: unknown[] = [];
  const template = daemonPodTemplate(ds.spec?.template, templateGenerationOf(ds), hash);
  const ref = controllerRef(ds, DAEMON_SET_API_VERSION, DAEMON_SET_KIND);
  const create = async (nodeName: string): Promise<void> => {
    const pod = podFromTemplate(template, ds.metadata?.name ?? '', ref);
    pod.spec = { ...(pod.spec ?? { containers: [] }), affinity: pinToNode(pod.spec?.affinity, nodeName) };
    try {
      await createPod(control, ds, pod);
    } catch (err) {
      // A terminating namespace refuses every creation; upstream leaves that expectation to expire.
      if (isNamespaceTerminating(err)) return;
      control.expectations.creationObserved(key);
      errors.push(err);
    }
  };
  let pos = 0;
  for (let batch = Math.min(createDiff, SLOW_START_INITIAL_BATCH_SIZE); pos < createDiff && batch > 0;) {
    const before = errors.length;
    await Promise.all(nodesNeedingPods.slice(pos, pos + batch).map(create));
    pos += batch;
    const skipped = createDiff - pos;
    if (errors.length > before && skipped > 0) {
      // The creations never attempted will never be observed.
      for (let i = 0; i < skipped; i++) control.expectations.creationObserved(key);
      break;
    }
    batch = Math.min(2 * batch, createDiff - pos);
  }
  await Promise.all(
    podsToDelete.slice(0, deleteDiff).map(async (name) => {
      try {
        await deletePod(control, ds, name);
      } catch (err) {
        control.expectations.deletionObserved(key);
        if (!isNotFound(err)) errors.push(err);
      }
    }),
  );
  const failure = aggregate(errors);
  if (failure !== undefined) throw failure;
}
