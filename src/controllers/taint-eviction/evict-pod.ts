/**
 * Evicting a pod from a tainted node (upstream tainteviction addConditionAndDeletePod): the pod first gets the
 * DisruptionTarget condition (reason DeletionByTaintManager) — so that its controller, a Job's pod failure
 * policy for instance, can tell why it went — and is then deleted with its default grace period.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import type { Clock } from '../../client/clock/clock.js';
import { sleep } from '../../client/clock/clock.js';
import { isNotFound } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import { DISRUPTION_TARGET, setPodCondition } from '../node-lifecycle/pod-condition-update.js';
import { apiTime } from '../node-lifecycle/resources.js';

export const DELETION_BY_TAINT_MANAGER = 'DeletionByTaintManager';
export const TAINT_MANAGER_MESSAGE = 'Taint manager: deleting due to NoExecute taint';

/** Upstream's retries of one eviction, 10 ms apart. */
const ATTEMPTS = 5;
const RETRY_SLEEP_MS = 10;

/**
 * Marks the pod `namespace/name` as a disruption target and deletes it; a pod already gone counts as evicted.
 * @throws the last API error when every attempt failed.
 */
export async function evictPod(
  pods: ResourceClient<Pod>,
  clock: Clock,
  namespace: string,
  name: string,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await addConditionAndDelete(pods, clock, namespace, name);
      return;
    } catch (err) {
      if (isNotFound(err)) return;
      if (attempt >= ATTEMPTS) throw err;
    }
    await sleep(clock, RETRY_SLEEP_MS);
  }
}

async function addConditionAndDelete(
  pods: ResourceClient<Pod>,
  clock: Clock,
  namespace: string,
  name: string,
): Promise<void> {
  const pod = await pods.get(namespace, name);
  const status = structuredClone(pod.status ?? {});
  const condition = {
    type: DISRUPTION_TARGET,
    status: 'True',
    reason: DELETION_BY_TAINT_MANAGER,
    message: TAINT_MANAGER_MESSAGE,
  };
  if (setPodCondition(status, condition, apiTime(clock.now()))) {
    const changed = status.conditions?.find((c) => c.type === DISRUPTION_TARGET);
    // A strategic merge patch with the UID: merges the condition by type, and fails if the pod was replaced.
    await pods.patch(
      namespace,
      name,
      'strategic',
      { metadata: { uid: pod.metadata?.uid }, status: { conditions: [changed] } },
      { subresource: 'status' },
    );
  }
  await pods.delete(namespace, name);
}
