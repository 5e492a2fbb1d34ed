/**
 * The Job controller's timings and limits (upstream's exported package variables, which its tests shorten
 * the same way). Durations in milliseconds.
 */

export interface JobControllerOptions {
  /** The first delay before failed pods are replaced; doubles per consecutive failure (upstream 10 s). */
  readonly podFailureBackoffMs: number;
  /** The longest such delay (upstream MaxJobPodFailureBackOff, 10 min). */
  readonly maxPodFailureBackoffMs: number;
  /** Pod events and status updates of one Job are gathered this long into one sync (upstream 1 s). */
  readonly syncBatchPeriodMs: number;
  /** Per-Job retry back-off after a failed sync: first delay and cap (upstream 1 s and 1 min). */
  readonly apiBackoffBaseMs: number;
  readonly apiBackoffMaxMs: number;
  /** Pods recorded in status.uncountedTerminatedPods per sync at most (upstream 500). */
  readonly maxUncountedPods: number;
  /** Pods created or deleted per sync at most (upstream 500). */
  readonly maxPodCreateDeletePerSync: number;
  /** Concurrent pod writes (creations come in slow-start batches on top of this). */
  readonly writeConcurrency: number;
}

export const DEFAULT_JOB_CONTROLLER_OPTIONS: JobControllerOptions = {
  podFailureBackoffMs: 10_000,
  maxPodFailureBackoffMs: 600_000,
  syncBatchPeriodMs: 1_000,
  apiBackoffBaseMs: 1_000,
  apiBackoffMaxMs: 60_000,
  maxUncountedPods: 500,
  maxPodCreateDeletePerSync: 500,
  writeConcurrency: 50,
};
