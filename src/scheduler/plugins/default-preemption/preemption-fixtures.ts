/**
 * Fixtures for this plugin's tests (only tests import this file): a resource-fit Filter standing in for
 * NodeResourcesFit, pods with start times, and PreemptionActions that record what they were asked to do.
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import type { PodDisruptionBudget } from '../../../api/policy/v1/pod-disruption-budget.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { Handle, PreemptionsInFlight } from '../../framework/interfaces.js';
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
  readonly maxConcurrentEvictions?: number;
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
    ...(s.maxConcurrentEvictions === undefined ? {} : { maxConcurrentEvictions: s.maxConcurrentEvictions }),
  });
  return { plugin, handle, actions, nodeInfos };
}

/** A NodeStatusMap with every named node Unschedulable (plus the given overrides). */
export function statusesOf(names: readonly string[], overrides: Record<string, Status> = {}): Map<string, Status> {
  const map = new Map<string, Status>(names.map((n) => [n, Status.unschedulable('Too many pods')]));
  for (const [name, status] of Object.entries(overrides)) map.set(name, status);
  return map;
}

/**
 * PreemptionsInFlight that records each start; `preempting` and `victims` (pod names) answer the questions, and
 * `ended` resolves with each preemption's outcome (undefined: success, else the failure).
 */
export class RecordingPreemptions implements PreemptionsInFlight {
  readonly started: string[] = [];
  readonly ends: Promise<string | undefined>[] = [];
  constructor(
    readonly preempting = new Set<string>(),
    readonly victims = new Set<string>(),
  ) {}
  isPreempting(pod: Pod): boolean {
    return this.preempting.has(pod.metadata?.name ?? '');
  }
  isVictim(pod: Pod): boolean {
    return this.victims.has(pod.metadata?.name ?? '');
  }
  start(preemptor: Pod, nodeName: string, victims: readonly Pod[]): (failure?: string) => void {
    const names = victims.map((v) => v.metadata?.name ?? '');
    this.started.push(`${preemptor.metadata?.name} on ${nodeName}: ${names.join(', ')}`);
    let end: (failure: string | undefined) => void = () => undefined;
    this.ends.push(new Promise((resolve) => (end = resolve)));
    return (failure) => end(failure);
  }
}

/**
 * RecordingActions whose evictions wait until `release()`; `maxActive` is the most evictions that ran at
 * once, `sent` the victims whose eviction began, in order.
 */
export class HeldActions extends RecordingActions {
  readonly sent: string[] = [];
  maxActive = 0;
  private active = 0;
  private released = false;
  private readonly waiters: (() => void)[] = [];
  override async preemptPod(preemptorPod: Pod, victimPod: Pod): Promise<boolean> {
    this.sent.push(victimPod.metadata?.name ?? '');
    this.maxActive = Math.max(this.maxActive, ++this.active);
    try {
      if (!this.released) await new Promise<void>((resolve) => this.waiters.push(resolve));
      return await super.preemptPod(preemptorPod, victimPod);
    } finally {
      this.active--;
    }
  }
  release(): void {
    this.released = true;
    for (const w of this.waiters.splice(0)) w();
  }
}
