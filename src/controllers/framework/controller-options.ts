/**
 * Timings and sizes of the controllers (upstream kube-controller-manager flags), all overridable so that
 * tests can shorten them. Durations in milliseconds.
 */
export interface ControllerOptions {
  /** Workers per controller for the busy ones (deployment, replicaset, job, endpoints…). Default 5. */
  readonly concurrentSyncs: number;
  /** --node-monitor-period: how often node lifecycle checks node health. Default 5 s. */
  readonly nodeMonitorPeriodMs: number;
  /** --node-monitor-grace-period: a node whose Lease is older turns Ready=Unknown. Default 40 s. */
  readonly nodeMonitorGracePeriodMs: number;
  /** --node-startup-grace-period: grace for a node that never reported. Default 60 s. */
  readonly nodeStartupGracePeriodMs: number;
  /** --terminated-pod-gc-threshold: terminated pods kept before pod GC deletes the oldest. Default 12,500. */
  readonly terminatedPodGcThreshold: number;
  /** How often pod GC runs. Default 20 s. */
  readonly podGcPeriodMs: number;
  /** How often the CronJob controller checks schedules. Default 10 s. */
  readonly cronJobSyncPeriodMs: number;
  /** How often ResourceQuota usage is fully recalculated. Default 5 min. */
  readonly resourceQuotaSyncPeriodMs: number;
  /** How often the garbage collector re-reads its graph from scratch (0: never). Default 0. */
  readonly gcResyncPeriodMs: number;
}

export const DEFAULT_CONTROLLER_OPTIONS: ControllerOptions = {
  concurrentSyncs: 5,
  nodeMonitorPeriodMs: 5_000,
  nodeMonitorGracePeriodMs: 40_000,
  nodeStartupGracePeriodMs: 60_000,
  terminatedPodGcThreshold: 12_500,
  podGcPeriodMs: 20_000,
  cronJobSyncPeriodMs: 10_000,
  resourceQuotaSyncPeriodMs: 300_000,
  gcResyncPeriodMs: 0,
};
