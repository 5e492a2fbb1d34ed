/**
 * Writes the scheduler's verdict into a pending pod's status (upstream updatePod): the PodScheduled=False
 * condition with reason and message, and status.nominatedNodeName after preemption. A strategic-merge patch
 * of the status subresource, skipped when nothing would change; written in the background, failures ignored
 * (the next attempt writes again).
 */
import { rfc3339 } from '../machinery/rfc3339.js';
import type { Pod } from '../api/core/v1/pod.js';
import type { Clock } from '../client/clock/clock.js';
import type { ResourceClient } from '../client/rest/resource-client.js';
import type { RestClient } from '../client/rest/rest-client.js';

const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;

export class PodStatusWriter {
  private readonly pods: ResourceClient<Pod>;

  constructor(
    client: RestClient,
    private readonly clock: Clock,
  ) {
    this.pods = client.resource<Pod>(PODS);
  }

  markUnschedulable(pod: Pod, reason: string, message: string, nominatedNodeName: string | undefined): void {
    const current = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    const sameCondition = current?.status === 'False' && current.reason === reason && current.message === message;
    const nominationChanges =
      nominatedNodeName !== undefined && nominatedNodeName !== (pod.status?.nominatedNodeName ?? '');
    if (sameCondition && !nominationChanges) return;
    const now = rfc3339(this.clock.now());
    const condition = {
      type: 'PodScheduled',
      status: 'False',
      reason,
      message,
      lastProbeTime: null,
      lastTransitionTime: current?.status === 'False' ? (current.lastTransitionTime ?? now) : now,
    };
    const status: Record<string, unknown> = { conditions: [condition] };
    if (nominationChanges) status['nominatedNodeName'] = nominatedNodeName === '' ? null : nominatedNodeName;
    const meta = pod.metadata ?? {};
    void this.pods
      .patch(meta.namespace ?? '', meta.name ?? '', 'strategic', { status }, { subresource: 'status' })
      .catch(() => undefined);
  }
}
