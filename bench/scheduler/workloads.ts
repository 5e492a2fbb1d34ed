/**
 * The scheduler benchmark's workloads, after upstream's scheduler_perf: node and pod templates and counts.
 * Node template: 4 cpu, 32Gi, 110 pods (upstream's node-default); pod template: one container requesting
 * 100m cpu and 500Mi memory (upstream's pod-default).
 */
import type { Node } from '../../src/api/core/v1/node.js';
import type { Pod } from '../../src/api/core/v1/pod.js';

export interface Workload {
  readonly name: string;
  readonly nodes: number;
  readonly initPods: number;
  readonly measuredPods: number;
  node(i: number): Node;
  /** Pods created (and scheduled) before measuring. */
  initPod(i: number): Pod;
  measuredPod(i: number): Pod;
  /** Pods created in the background while the measured ones are (upstream's `churn` op in create mode). */
  readonly churn?: Churn;
  /** Upstream's gate and this project's target, pods/s (none where upstream's workload has no threshold). */
  readonly upstreamGate?: number;
  readonly target?: number;
}

/** One more pod, in CHURN_NAMESPACE, every `everyMs` while the measured pods are created: not counted as measured. */
export interface Churn {
  readonly everyMs: number;
  pod(i: number): Pod;
}

/** Where the measured and initial pods go, and where churn pods go. */
export const NAMESPACE = 'bench';
export const CHURN_NAMESPACE = 'bench-churn';

const ZONES = ['zone-a', 'zone-b', 'zone-c'];
/** PriorityClasses the benchmark creates: 0 and 1000. */
export const LOW_PRIORITY = 'bench-low';
export const HIGH_PRIORITY = 'bench-high';

function node(i: number, labels: Record<string, string> = {}): Node {
  const name = `node-${i}`;
  const resources = { cpu: '4', memory: '32Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': ZONES[i % 3] as string, ...labels },
    },
    spec: {},
    status: { capacity: resources, allocatable: resources, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

function pod(
  name: string,
  extra: Partial<NonNullable<Pod['spec']>> = {},
  labels: Record<string, string> = {},
  namespace = NAMESPACE,
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: {
      containers: [{ name: 'c', image: 'pause', resources: { requests: { cpu: '100m', memory: '500Mi' } } }],
      ...extra,
    },
  };
}

const withCpu = (cpu: string): NonNullable<Pod['spec']>['containers'] => [
  { name: 'c', image: 'pause', resources: { requests: { cpu, memory: '500Mi' } } },
];

export const WORKLOADS: readonly Workload[] = [
  {
    name: 'SchedulingBasic',
    nodes: 5000,
    initPods: 1000,
    measuredPods: 10_000,
    node: (i) => node(i),
    initPod: (i) => pod(`init-${i}`),
    measuredPod: (i) => pod(`pod-${i}`),
    upstreamGate: 680,
    target: 1500,
  },
  {
    name: 'TopologySpreading',
    nodes: 5000,
    initPods: 1000,
    measuredPods: 5000,
    node: (i) => node(i),
    initPod: (i) => pod(`init-${i}`),
    measuredPod: (i) =>
      pod(
        `pod-${i}`,
        {
          topologySpreadConstraints: [
            {
              maxSkew: 5,
              topologyKey: 'topology.kubernetes.io/zone',
              whenUnsatisfiable: 'DoNotSchedule',
              labelSelector: { matchLabels: { color: 'blue' } },
            },
          ],
        },
        { color: 'blue' },
      ),
    upstreamGate: 460,
    target: 700,
  },
  {
    name: 'NodeAffinity',
    nodes: 5000,
    initPods: 1000,
    measuredPods: 5000,
    node: (i) => node(i, { group: i % 2 === 0 ? 'blue' : 'red' }),
    initPod: (i) => pod(`init-${i}`),
    measuredPod: (i) =>
      pod(`pod-${i}`, {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'group', operator: 'In', values: ['blue'] }] }],
            },
          },
        },
      }),
    upstreamGate: 220,
    target: 500,
  },
  {
    name: 'RequiredPodAntiAffinity',
    nodes: 5000,
    initPods: 1000,
    measuredPods: 1000,
    node: (i) => node(i),
    initPod: (i) => pod(`init-${i}`, {}, { color: 'green' }),
    measuredPod: (i) =>
      pod(
        `pod-${i}`,
        {
          affinity: {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                { labelSelector: { matchLabels: { color: 'blue' } }, topologyKey: 'kubernetes.io/hostname' },
              ],
            },
          },
        },
        { color: 'blue' },
      ),
    upstreamGate: 60,
    target: 150,
  },
  {
    // Upstream's PreemptionBasic (it has no threshold there): nodes full of low-priority pods that end at once
    // when deleted (terminationGracePeriodSeconds 0: no kubelet runs here); every measured high-priority pod
    // must preempt three of them to fit.
    name: 'PreemptionBasic',
    nodes: 1000,
    initPods: 4000,
    measuredPods: 1000,
    node: (i) => node(i),
    initPod: lowPriorityPod,
    measuredPod: (i) => highPriorityPod(`pod-${i}`, NAMESPACE),
  },
  {
    // Upstream's PreemptionAsync, the workload of its 570 pods/s preemption gate: the same full nodes; while
    // the measured (ordinary, always schedulable) pods are created, one high-priority pod that must preempt
    // three low-priority ones arrives every 200 ms. Only the ordinary pods are counted.
    name: 'PreemptionAsync',
    nodes: 5000,
    initPods: 20_000,
    measuredPods: 5000,
    node: (i) => node(i),
    initPod: lowPriorityPod,
    measuredPod: (i) => pod(`pod-${i}`),
    churn: { everyMs: 200, pod: (i) => highPriorityPod(`preemptor-${i}`, CHURN_NAMESPACE) },
    upstreamGate: 570,
    target: 700,
  },
];

/** Upstream's pod-low-priority: 900m cpu, so four fill a node's 4 cpu; it ends at once when deleted. */
function lowPriorityPod(i: number): Pod {
  return pod(`init-${i}`, {
    containers: withCpu('900m'),
    priorityClassName: LOW_PRIORITY,
    terminationGracePeriodSeconds: 0,
  });
}

/** Upstream's pod-high-priority: 3 cpu, so it fits a full node only once three low-priority pods are gone. */
function highPriorityPod(name: string, namespace: string): Pod {
  return pod(name, { containers: withCpu('3'), priorityClassName: HIGH_PRIORITY }, {}, namespace);
}
