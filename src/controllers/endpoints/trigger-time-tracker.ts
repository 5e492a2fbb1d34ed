/**
 * TriggerTimeTracker (upstream endpointsliceutil.TriggerTimeTracker): computes the value of the
 * `endpoints.kubernetes.io/last-change-trigger-time` annotation — the earliest time of the changes (a pod's
 * Ready condition transition, a Service's creation) that this sync is the first to see. For a Service seen
 * for the first time it is the Service's creation time; when nothing new triggered the sync, there is none.
 * Approximate by design: several changes to one object between two syncs count as the last one.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import type { Service } from '../../api/core/v1/service.js';
import { podCondition } from '../framework/pod-conditions.js';

/** The annotation the trigger time is exported as. */
export const LAST_CHANGE_TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';

interface ServiceState {
  serviceTime: number;
  readonly podTimes: Map<string, number>;
}

const timeOf = (text: string | undefined): number => {
  const ms = text ? Date.parse(text) : Number.NaN;
  return Number.isFinite(ms) ? ms : 0;
};

/** Go's RFC3339Nano in UTC: fractional seconds without trailing zeros, none when whole. */
export function formatTriggerTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.?0+Z$/, 'Z');
}

export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  /**
   * Records what this sync of `service` sees and returns the trigger time to export (ms since the epoch), or
   * undefined to export none. Not to be called concurrently for one Service (the work queue guarantees it).
   */
  compute(namespace: string, service: Service, pods: readonly Pod[]): number | undefined {
    const key = `${namespace}/${service.metadata?.name ?? ''}`;
    const known = this.states.get(key);
    let earliest: number | undefined;
    const podTimes = new Map<string, number>();
    for (const pod of pods) {
      const at = timeOf(podCondition(pod, 'Ready')?.lastTransitionTime);
      if (at === 0) continue;
      const name = pod.metadata?.name ?? '';
      podTimes.set(name, at);
      if (at > (known?.podTimes.get(name) ?? 0)) earliest = earliest === undefined ? at : Math.min(earliest, at);
    }
    const serviceTime = timeOf(service.metadata?.creationTimestamp);
    if (serviceTime > (known?.serviceTime ?? 0)) {
      earliest = earliest === undefined ? serviceTime : Math.min(earliest, serviceTime);
    }
    this.states.set(key, { serviceTime, podTimes });
    if (known === undefined) return serviceTime === 0 ? undefined : serviceTime;
    return earliest;
  }

  /** Forgets a deleted Service. */
  deleteService(namespace: string, name: string): void {
    this.states.delete(`${namespace}/${name}`);
  }
}
