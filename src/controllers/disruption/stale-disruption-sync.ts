/**
 * The second loop of the disruption controller (upstream syncStalePodDisruption): for a pod key, set a stale
 * DisruptionTarget condition back to False, or look again when it will be stale.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import type { Clock } from '../../client/clock/clock.js';
import type { Lister } from '../../client/listers/lister.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import type { ObjectName, ReconcileResult } from '../framework/reconcile-loop.js';
import { formatTime } from './pdb-status.js';
import { staleDisruptionWaitMs, withDisruptionTargetCleared } from './stale-disruption-condition.js';

export interface StaleDisruptionDeps {
  readonly pods: Lister<Pod>;
  readonly client: ResourceClient<Pod>;
  readonly clock: Clock;
  readonly timeoutMs: number;
}

/**
 * Clears the pod's stale DisruptionTarget condition, if it has one that is stale by now.
 * @throws the API error of a failed status write (retried by the loop).
 */
export async function clearStaleDisruptionCondition(
  deps: StaleDisruptionDeps,
  key: ObjectName,
): Promise<ReconcileResult | void> {
  const pod = deps.pods.get(key.namespace, key.name);
  if (pod === undefined) return;
  const now = deps.clock.now();
  const waitMs = staleDisruptionWaitMs(pod, now, deps.timeoutMs);
  if (waitMs === undefined) return;
  if (waitMs > 0) return { requeueAfterMs: waitMs };
  const cleared = withDisruptionTargetCleared(pod, formatTime(now));
  if (cleared === undefined) return;
  await deps.client.updateStatus(key.namespace, { ...cleared, apiVersion: 'v1', kind: 'Pod' });
}
