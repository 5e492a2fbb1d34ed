/**
 * KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1), the parts Skiff reads: profiles with their
 * plugin sets and plugin args, percentageOfNodesToScore, backoff timings and leader election.
 */
export const CONFIG_API_VERSION = 'kubescheduler.config.k8s.io/v1';
export const CONFIG_KIND = 'KubeSchedulerConfiguration';
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export interface PluginRef {
  readonly name: string;
  readonly weight?: number;
}

export interface PluginSet {
  readonly enabled?: readonly PluginRef[];
  readonly disabled?: readonly PluginRef[];
}

/** The extension points a profile can configure (plus multiPoint: every point the plugin implements). */
export const EXTENSION_POINTS = [
  'preEnqueue',
  'queueSort',
  'preFilter',
  'filter',
  'postFilter',
  'preScore',
  'score',
  'reserve',
  'permit',
  'preBind',
  'bind',
  'postBind',
] as const;
export type ExtensionPoint = (typeof EXTENSION_POINTS)[number];

export type Plugins = { readonly [K in ExtensionPoint | 'multiPoint']?: PluginSet };

export interface PluginConfig {
  readonly name: string;
  readonly args?: unknown;
}

export interface Profile {
  readonly schedulerName: string;
  readonly percentageOfNodesToScore?: number;
  readonly plugins?: Plugins;
  readonly pluginConfig?: readonly PluginConfig[];
}

export interface LeaderElectionConfig {
  readonly leaderElect: boolean;
  readonly leaseDurationMs: number;
  readonly renewDeadlineMs: number;
  readonly retryPeriodMs: number;
  readonly resourceNamespace: string;
  readonly resourceName: string;
}

export interface SchedulerConfiguration {
  readonly profiles: readonly Profile[];
  /** 0 means adaptive (upstream's default). */
  readonly percentageOfNodesToScore: number;
  readonly podInitialBackoffSeconds: number;
  readonly podMaxBackoffSeconds: number;
  readonly leaderElection: LeaderElectionConfig;
}

export const DEFAULT_LEADER_ELECTION: LeaderElectionConfig = {
  leaderElect: true,
  leaseDurationMs: 15_000,
  renewDeadlineMs: 10_000,
  retryPeriodMs: 2_000,
  resourceNamespace: 'kube-system',
  resourceName: 'kube-scheduler',
};

/** The default plugins (upstream's v1 defaults, without the volume plugins Skiff does not have yet). */
export const DEFAULT_MULTI_POINT: readonly PluginRef[] = [
  { name: 'SchedulingGates' },
  { name: 'PrioritySort' },
  { name: 'NodeUnschedulable' },
  { name: 'NodeName' },
  { name: 'TaintToleration', weight: 3 },
  { name: 'NodeAffinity', weight: 2 },
  { name: 'NodePorts' },
  { name: 'NodeResourcesFit', weight: 1 },
  { name: 'PodTopologySpread', weight: 2 },
  { name: 'InterPodAffinity', weight: 2 },
  { name: 'DefaultPreemption' },
  { name: 'NodeResourcesBalancedAllocation', weight: 1 },
  { name: 'ImageLocality', weight: 1 },
  { name: 'DefaultBinder' },
];

export function defaultConfiguration(): SchedulerConfiguration {
  return {
    profiles: [{ schedulerName: DEFAULT_SCHEDULER_NAME }],
    percentageOfNodesToScore: 0,
    podInitialBackoffSeconds: 1,
    podMaxBackoffSeconds: 10,
    leaderElection: DEFAULT_LEADER_ELECTION,
  };
}
