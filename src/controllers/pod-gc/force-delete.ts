/**
 * How pod GC removes a pod (upstream markFailedAndDeletePodWithCondition): a pod not yet terminal is first
 * patched to phase Failed — an orphaned pod has no kubelet left to do it — with an optional condition (the
 * DisruptionTarget of an orphan), then deleted with grace period 0.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import type { PodCondition } from '../../api/core/v1/pod-status.js';
import { isNotFound } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import { isPodTerminal } from '../framework/pod-conditions.js';
import { setPodCondition } from '../node-lifecycle/pod-condition-update.js';

/**
 * Marks `pod` (a cached object: not mutated) Failed, with `condition` when given, and force-deletes it. A pod
 * already gone is fine. @throws other API errors (a pod replaced under the same name fails the UID check).
 */
export async function markFailedAndDeletePod(
  pods: ResourceClient<Pod>,
  pod: Pod,
  nowIso: string,
  condition?: PodCondition,
): Promise<void> {
  const namespace = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  try {
    if (!isPodTerminal(pod)) {
      const status: Record<string, unknown> = { phase: 'Failed' };
      if (condition !== undefined) {
        const next = structuredClone(pod.status ?? {});
        if (setPodCondition(next, condition, nowIso)) {
          status['conditions'] = [next.conditions?.find((c) => c.type === condition.type)];
        }
      }
      // Strategic merge: conditions merge by type; the UID makes the patch fail on a replaced pod.
      await pods.patch(
        namespace,
        name,
        'strategic',
        { metadata: { uid: pod.metadata?.uid }, status },
        {
          subresource: 'status',
        },
      );
    }
    await pods.delete(namespace, name, { gracePeriodSeconds: 0 });
  } catch (err) {
    if (isNotFound(err)) return;
    throw err;
  }
}
