/**
 * A StatefulSet pod's state as the controller judges it (upstream stateful_set_utils): created (the API
 * server gave it a phase), running and ready, available, terminating, healthy.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import { isPodAvailable, isPodReady } from '../framework/pod-conditions.js';

/** The API server has it (every stored pod has a phase; a pod only planned has none). */
export const isCreated = (pod: Pod): boolean => Boolean(pod.status?.phase);

export const isPending = (pod: Pod): boolean => pod.status?.phase === 'Pending';
export const isFailed = (pod: Pod): boolean => pod.status?.phase === 'Failed';
export const isSucceeded = (pod: Pod): boolean => pod.status?.phase === 'Succeeded';

/** Its deletion has begun. */
export const isTerminating = (pod: Pod): boolean => Boolean(pod.metadata?.deletionTimestamp);

/** Phase Running and Ready condition True. */
export const isRunningAndReady = (pod: Pod): boolean => pod.status?.phase === 'Running' && isPodReady(pod);

/** Ready for minReadySeconds at `nowMs` (upstream isRunningAndAvailable). */
export const isRunningAndAvailable = (pod: Pod, minReadySeconds: number, nowMs: number): boolean =>
  isPodAvailable(pod, minReadySeconds, nowMs);

/** Running, ready and not terminating. */
export const isHealthy = (pod: Pod): boolean => isRunningAndReady(pod) && !isTerminating(pod);
