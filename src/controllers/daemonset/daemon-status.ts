/**
 * A DaemonSet's status (upstream updateDaemonSetStatus / storeDaemonSetStatus): over the nodes that should
 * run its pod, how many have one (scheduled), whose oldest pod is ready, available and updated; and how many
 * nodes that should not run it still do (misscheduled).
 */
import type { DaemonSet, DaemonSetStatus } from '../../api/apps/v1/daemon-set.js';
import type { Node } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { isNotFound } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import { isPodAvailable, isPodReady } from '../framework/pod-conditions.js';
import { isPodUpdated, minReadySecondsOf, withDaemonSetTypeMeta } from './daemon-set-spec.js';
import type { NodeEligibility } from './node-eligibility.js';
import { compareDaemonPods } from './pods-on-node.js';

/** Status writes retried after a conflict (upstream StatusUpdateRetries). */
const STATUS_UPDATE_RETRIES = 1;

export interface DaemonCounts {
  desiredNumberScheduled: number;
  currentNumberScheduled: number;
  numberMisscheduled: number;
  numberReady: number;
  updatedNumberScheduled: number;
  numberAvailable: number;
  numberUnavailable: number;
}

/** Counts the nodes and their daemon pods. Pure; `nodeToDaemonPods` is not mutated. */
export function countDaemonPods(
  ds: DaemonSet,
  nodes: readonly Node[],
  eligibility: NodeEligibility,
  nodeToDaemonPods: ReadonlyMap<string, readonly Pod[]>,
  hash: string,
  generation: number | undefined,
  now: number,
): DaemonCounts {
  const counts: DaemonCounts = {
    desiredNumberScheduled: 0,
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    numberReady: 0,
    updatedNumberScheduled: 0,
    numberAvailable: 0,
    numberUnavailable: 0,
  };
  for (const node of nodes) {
    const pods = nodeToDaemonPods.get(node.metadata?.name ?? '') ?? [];
    const scheduled = pods.length > 0;
    if (!eligibility(node).shouldRun) {
      if (scheduled) counts.numberMisscheduled++;
      continue;
    }
    counts.desiredNumberScheduled++;
    if (!scheduled) continue;
    counts.currentNumberScheduled++;
    const pod = [...pods].sort(compareDaemonPods)[0] as Pod;
    if (isPodReady(pod)) {
      counts.numberReady++;
      if (isPodAvailable(pod, minReadySecondsOf(ds), now)) counts.numberAvailable++;
    }
    if (isPodUpdated(pod, hash, generation)) counts.updatedNumberScheduled++;
  }
  counts.numberUnavailable = counts.desiredNumberScheduled - counts.numberAvailable;
  return counts;
}

const sameCounts = (status: DaemonSetStatus | undefined, counts: DaemonCounts): boolean =>
  (status?.desiredNumberScheduled ?? 0) === counts.desiredNumberScheduled &&
  (status?.currentNumberScheduled ?? 0) === counts.currentNumberScheduled &&
  (status?.numberMisscheduled ?? 0) === counts.numberMisscheduled &&
  (status?.numberReady ?? 0) === counts.numberReady &&
  (status?.updatedNumberScheduled ?? 0) === counts.updatedNumberScheduled &&
  (status?.numberAvailable ?? 0) === counts.numberAvailable &&
  (status?.numberUnavailable ?? 0) === counts.numberUnavailable;

/**
 * Writes `counts` (and observedGeneration when `updateObservedGeneration`) unless the status already says
 * so; on a failure it reads the DaemonSet again and retries once (upstream storeDaemonSetStatus).
 * @throws the failure of the last write or of the read; a DaemonSet gone meanwhile is no failure.
 */
export async function storeDaemonSetStatus(
  client: ResourceClient<DaemonSet>,
  ds: DaemonSet,
  counts: DaemonCounts,
  updateObservedGeneration: boolean,
): Promise<void> {
  const generation = ds.metadata?.generation ?? 0;
  if (sameCounts(ds.status, counts) && (ds.status?.observedGeneration ?? 0) >= generation) return;
  const namespace = ds.metadata?.namespace ?? '';
  let current = ds;
  for (let attempt = 0; ; attempt++) {
    const status: DaemonSetStatus = {
      ...(current.status ?? {}),
      ...counts,
      ...(updateObservedGeneration ? { observedGeneration: generation } : {}),
    };
    try {
      await client.updateStatus(namespace, withDaemonSetTypeMeta({ ...current, status }));
      return;
    } catch (err) {
      if (isNotFound(err)) return;
      if (attempt >= STATUS_UPDATE_RETRIES) throw err;
    }
    try {
      current = await client.get(namespace, ds.metadata?.name ?? '');
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
  }
}
