/**
 * Marking the pods of a node that stopped being Ready as not ready (upstream nodeutil.MarkPodsNotReady): their
 * Ready condition turns False, so that Services stop sending them traffic long before they are evicted.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import { EventType, type EventRecorder } from '../../client/record/event-recorder.js';
import { isNotFound } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import { setPodCondition } from './pod-condition-update.js';

/** The pod condition type that says whether a pod serves. */
const POD_READY = 'Ready';

/**
 * Sets Ready=False on each of `pods` bound to `nodeName` whose Ready condition says otherwise, with a Warning
 * event NodeNotReady "Node is not ready" on the pod. Pods gone meanwhile are skipped.
 * @throws the first API error (a Conflict included) after trying every pod; the caller retries later.
 */
export async function markPodsNotReady(
  client: ResourceClient<Pod>,
  recorder: EventRecorder,
  pods: readonly Pod[],
  nodeName: string,
  nowIso: string,
): Promise<void> {
  let failure: { err: unknown } | undefined;
  for (const cached of pods) {
    if (cached.spec?.nodeName !== nodeName) continue;
    const ready = cached.status?.conditions?.find((c) => c.type === POD_READY);
    if (ready === undefined) continue;
    const pod = structuredClone(cached);
    if (!setPodCondition((pod.status ??= {}), { ...ready, status: 'False' }, nowIso)) continue;
    try {
      await client.updateStatus(pod.metadata?.namespace ?? '', pod);
    } catch (err) {
      if (isNotFound(err)) continue;
      failure ??= { err };
    }
    recorder.event(podRef(pod), EventType.Warning, 'NodeNotReady', 'Node is not ready');
  }
  if (failure !== undefined) throw failure.err;
}

/** What an event about a pod needs: list items carry no apiVersion/kind. */
export function podRef(pod: Pod): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: pod.metadata ?? {} } as Pod;
}
