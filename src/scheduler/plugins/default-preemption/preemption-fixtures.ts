/**
 * Fixtures for this plugin's tests (only tests import this file): a resource-fit Filter standing in for
 * NodeResourcesFit, pods with start times, and PreemptionActions that record what they were asked to do.
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import type { PodDisruptionBudget } from '../../../api/policy/v1/pod-disruption-budget.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { Handle } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { podRequests } from '../../framework/resource.js';
import { Status } from '../../framework/status.js';
import { makeHandle, makeNode, makeNodeInfo, makePod } from '../../testing/builders.js';
import { resolveDefaultPreemptionArgs } from './args.js';
import { DefaultPreemption } from './default-preemption.js';
import type { PreemptionActions } from './preemption-actions.js';

/** Fits when the node has cpu left and a pod slot left; upstream's reasons otherwise. */
export function fitFilter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
  const reasons: string[] = [];
  if (nodeInfo.pods.length + 1 > nodeInfo.allocatable.allowedPodNumber) reasons.push('Too many pods');
  const cpu = podRequests(pod).milliCPU;
  if (cpu > 0 && nodeInfo.requested.milliCPU + cpu > nodeInfo.allocatable.milliCPU) reasons.push('Insufficient cpu');
  return reasons.length === 0 ? Status.SUCCESS : Status.unschedulable(...reasons);
}

export interface VictimOptions {
  readonly node: string;
  readonly priority?: number;
  readonly cpu?: string;
  /** Seconds after the epoch. */
  readonly start?: number;
  readonly labels?: Record<string, string>;
  readonly terminating?: boolean;
}

/** A running pod on `node`. */
export function victim(name: string, o: VictimOptions): Pod {
  const pod = makePod(name, {
    nodeName: o.node,
    ...(o.priority === undefined ? {} : { priority: o.priority }),
    ...(o.cpu === undefined ? {} : { requests: { cpu: o.cpu } }),
    ...(o.labels === undefined ? {} : { labels: o.labels }),
  });
  const startTime = o.start === undefined ? undefined : new Date(o.start * 1000).toISOString().replace('.000Z', 'Z');
  return {
    ...pod,
    metadata: { ...pod.metadata, ...(o.terminating ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    status: startTime === undefined ? {} : { startTime },
  };
}

/** The pod to schedule. */
export function preemptor(name: string, priority: number, cpu?: string, spec: Partial<Pod['spec']> = {}): Pod {
  return makePod(name, { priority, ...(cpu === undefined ? {} : { requests: { cpu } }), spec: spec ?? {} });
}

export function pdb(
  name: string,
  matchLabels: Record<string, string>,
  disruptionsAllowed: number,
): PodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: 'default' },
    spec: { selector: { matchLabels } },
    status: { disruptionsAllowed, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  };
}

/** PreemptionActions that record calls; `fail` names victims whose eviction throws. */
export class RecordingActions implements PreemptionActions {
  readonly preempted: string[] = [];
  readonly cleared: string[] = [];
  constructor(
    private readonly fail: ReadonlySet<string> = new Set(),
    private readonly gone: ReadonlySet<string> = new Set(),
  ) {}
  preemptPod(_preemptor: Pod, victimPod: Pod): Promise<boolean> {
    const name = victimPod.metadata?.name ?? '';
    if (this.fail.has(name)) return Promise.reject(new Error(`pods "${name}" is forbidden`));
    if (this.gone.has(name)) return Promise.resolve(false);
    this.preempted.push(name);
    return Promise.resolve(true);
  }
  clearNominatedNodeName(pod: Pod): Promise<void> {
    this.cleared.push(pod.metadata?.name ?? '');
    return Promise.resolve();
  }
}

export interface NodeSpec {
  readonly name: string;
  readonly cpu?: string;
  readonly pods?: string;
  readonly labels?: Record<string, string>;
}

export interface PluginSetup {
  readonly nodes: readonly NodeSpec[];
  /** Pods on the nodes (by spec.nodeName). */
  readonly pods: readonly Pod[];
  readonly pdbs?: readonly PodDisruptionBudget[];
  readonly args?: unknown;
  readonly nominated?: Readonly<Record<string, readonly Pod[]>>;
  readonly actions?: RecordingActions;
  readonly randomInt?: (n: number) => number;
  /** Replaces members of the test handle. */
  readonly handle?: Partial<Handle>;
}

/** The plugin over a test handle whose Filter is `fitFilter`; the dry run starts at the first node by default. */
export function setupPlugin(s: PluginSetup): {
  plugin: DefaultPreemption;
  handle: ReturnType<typeof makeHandle>;
  actions: RecordingActions;
  nodeInfos: NodeInfo[];
} {
  const nodeInfos = s.nodes.map((n) =>
    makeNodeInfo(
      makeNode(n.name, {
        allocatable: { cpu: n.cpu ?? '1', memory: '1Gi', pods: n.pods ?? '10' },
        ...(n.labels === undefined ? {} : { labels: n.labels }),
      }),
      s.pods.filter((p) => p.spec?.nodeName === n.name),
    ),
  );
  const base = makeHandle(nodeInfos, { filter: fitFilter, ...(s.nominated ? { nominated: s.nominated } : {}) });
  const handle = (s.handle ? Object.assign(Object.create(base) as typeof base, s.handle) : base) as typeof base;
  const actions = s.actions ?? new RecordingActions();
  const plugin = new DefaultPreemption(handle, resolveDefaultPreemptionArgs(s.args), {
    listPdbs: () => s.pdbs ?? [],
    actions,
    randomInt: s.randomInt ?? (() => 0),
  });
  return { plugin, handle, actions, nodeInfos };
}

/** A NodeStatusMap with every named node Unschedulable (plus the given overrides). */
export function statusesOf(names: readonly string[], overrides: Record<string, Status> = {}): Map<string, Status> {
  const map = new Map<string, Status>(names.map((n) => [n, Status.unschedulable('Too many pods')]));
  for (const [name, status] of Object.entries(overrides)) map.set(name, status);
  return map;
}
