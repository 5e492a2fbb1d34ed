/**
 * The API writes preemption makes (upstream Evaluator.PreemptPod and clearNominatedNodeName), behind a small
 * interface so that the plugin's decisions can be tested without a server.
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import type { PodCondition } from '../../../api/core/v1/pod-status.js';
import type { Clock } from '../../../client/clock/clock.js';
import { isNotFound } from '../../../client/rest/error-predicates.js';
import type { RestClient } from '../../../client/rest/rest-client.js';
import { DISRUPTION_TARGET, REASON_PREEMPTION_BY_SCHEDULER } from './eligibility.js';
import { rfc3339 } from '../../../machinery/rfc3339.js';

export interface PreemptionActions {
  /**
   * Evicts `victim` for `preemptor`: marks it with the DisruptionTarget condition, then deletes it.
   * Resolves true once deleted, false when it was already gone.
   * @throws the API error of any other failure.
   */
  preemptPod(preemptor: Pod, victim: Pod): Promise<boolean>;
  /**
   * Clears `status.nominatedNodeName` of `pod` (nothing to do when it has none).
   * @throws the API error of a failed write.
   */
  clearNominatedNodeName(pod: Pod): Promise<void>;
}

export const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;

const DEFAULT_SCHEDULER = 'default-scheduler';

/** PreemptionActions over the API: a strategic-merge patch of `pods/status`, then a DELETE of the pod. */
export function apiPreemptionActions(client: RestClient, clock: Clock): PreemptionActions {
  const pods = client.resource<Pod>(PODS);
  const ignoreNotFound = (err: unknown): false => {
    if (isNotFound(err)) return false;
    throw err;
  };
  return {
    async preemptPod(preemptor, victim) {
      const namespace = victim.metadata?.namespace ?? '';
      const name = victim.metadata?.name ?? '';
      const condition = disruptionCondition(preemptor, victim, clock.now());
      if (condition !== undefined) {
        const patch = { status: { conditions: [condition] } };
        const patched = await pods
          .patch(namespace, name, 'strategic', patch, { subresource: 'status' })
          .then(() => true, ignoreNotFound);
        if (!patched) return false;
      }
      return pods.delete(namespace, name).then(() => true, ignoreNotFound);
    },
    async clearNominatedNodeName(pod) {
      if (!pod.status?.nominatedNodeName) return;
      const patch = { status: { nominatedNodeName: null } };
      await pods.patch(pod.metadata?.namespace ?? '', pod.metadata?.name ?? '', 'strategic', patch, {
        subresource: 'status',
      });
    },
  };
}

/**
 * The DisruptionTarget condition to set on `victim`, or undefined when it already carries exactly this one.
 * The transition time moves only when the condition's status changes (upstream UpdatePodCondition).
 */
export function disruptionCondition(preemptor: Pod, victim: Pod, now: number): PodCondition | undefined {
  const scheduler = preemptor.spec?.schedulerName || DEFAULT_SCHEDULER;
  const message = `${scheduler}: preempting to accommodate a higher priority pod`;
  const existing = victim.status?.conditions?.find((c) => c.type === DISRUPTION_TARGET);
  if (
    existing?.status === 'True' &&
    existing.reason === REASON_PREEMPTION_BY_SCHEDULER &&
    existing.message === message
  ) {
    return undefined;
  }
  const nowText = rfc3339(now);
  const lastTransitionTime =
    existing?.status === 'True' && existing.lastTransitionTime ? existing.lastTransitionTime : nowText;
  return {
    type: DISRUPTION_TARGET,
    status: 'True',
    reason: REASON_PREEMPTION_BY_SCHEDULER,
    message,
    lastTransitionTime,
  };
}
