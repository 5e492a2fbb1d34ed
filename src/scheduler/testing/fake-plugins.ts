/**
 * Fake plugins for tests of the framework, the node finder and the queue: each is a plain object whose
 * behaviour is a function the test gives, and which records what it was called with. Only tests import this.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import type { ClusterEvent } from '../framework/cluster-event.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { ProfilePlugins, WeightedScorePlugin } from '../framework/framework.js';
import type {
  BindPlugin,
  EnqueueExtensions,
  FilterPlugin,
  NodeScore,
  Plugin,
  PreFilterPlugin,
  PreFilterResult,
  PreScorePlugin,
  QueuedPodInfo,
  QueueSortPlugin,
  ScorePlugin,
} from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/node-info.js';
import { Status } from '../framework/status.js';

/** A Filter plugin deciding per node name; `calls` lists the nodes it was asked about, in order. */
export interface FakeFilter extends FilterPlugin {
  readonly calls: string[];
}

export function fakeFilter(name: string, decide: (node: string, pod: Pod) => Status): FakeFilter {
  const calls: string[] = [];
  return {
    name,
    calls,
    filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
      calls.push(nodeInfo.name);
      return decide(nodeInfo.name, pod);
    },
  };
}

/** A PreFilter plugin answering a fixed status and, optionally, the only node names worth filtering. */
export function fakePreFilter(name: string, status: Status, nodeNames?: readonly string[]): PreFilterPlugin {
  const result: PreFilterResult | undefined = nodeNames === undefined ? undefined : { nodeNames: new Set(nodeNames) };
  return {
    name,
    preFilter: () => (result === undefined ? { status } : { status, result }),
  };
}

/** A plugin with both PreFilter and Filter (Skip at PreFilter must skip its Filter). */
export function fakePreFilterAndFilter(
  name: string,
  preFilterStatus: Status,
  decide: (node: string) => Status,
): PreFilterPlugin & FakeFilter {
  const filter = fakeFilter(name, decide);
  return { ...filter, calls: filter.calls, filter: filter.filter, preFilter: () => ({ status: preFilterStatus }) };
}

/** A Score plugin with a score per node name (0 when absent) and an optional NormalizeScore. */
export function fakeScore(
  name: string,
  scores: Readonly<Record<string, number>>,
  normalize?: (scores: NodeScore[]) => void,
): ScorePlugin {
  const plugin: ScorePlugin = {
    name,
    score: (_state: CycleState, _pod: Pod, nodeInfo: NodeInfo) => scores[nodeInfo.name] ?? 0,
  };
  if (normalize !== undefined) {
    plugin.normalizeScore = (_state, _pod, list) => {
      normalize(list);
      return Status.SUCCESS;
    };
  }
  return plugin;
}

/** A PreScore plugin answering a fixed status. */
export function fakePreScore(name: string, status: Status): PreScorePlugin {
  return { name, preScore: () => status };
}

/** Higher `spec.priority` first, then earlier timestamp (PrioritySort's order). */
export const prioritySort: QueueSortPlugin = {
  name: 'FakeSort',
  less: (a: QueuedPodInfo, b: QueuedPodInfo) => {
    const pa = a.podInfo.pod.spec?.priority ?? 0;
    const pb = b.podInfo.pod.spec?.priority ?? 0;
    return pa > pb || (pa === pb && a.timestamp < b.timestamp);
  },
};

/** A binder that binds nothing (for profiles that are only filtered and scored). */
export const noopBinder: BindPlugin = { name: 'FakeBinder', bind: () => Promise.resolve(Status.SUCCESS) };

/** A plugin that only registers cluster events (to feed a Framework's eventsOf). */
export function fakeEvents(name: string, events: readonly ClusterEvent[]): Plugin & EnqueueExtensions {
  return { name, eventsToRegister: () => events };
}

export interface FakeProfile {
  readonly preFilter?: readonly PreFilterPlugin[];
  readonly filter?: readonly FilterPlugin[];
  readonly preScore?: readonly PreScorePlugin[];
  readonly score?: readonly WeightedScorePlugin[];
  /** Plugins that only register events. */
  readonly others?: readonly Plugin[];
}

/** ProfilePlugins with the given plugins, a priority queue sort and a no-op binder; `all` holds every one. */
export function fakeProfile(parts: FakeProfile): ProfilePlugins {
  const all = new Map<string, Plugin>();
  const remember = (p: Plugin): void => void all.set(p.name, p);
  const preFilter = parts.preFilter ?? [];
  const filter = parts.filter ?? [];
  const preScore = parts.preScore ?? [];
  const score = parts.score ?? [];
  [prioritySort, noopBinder, ...preFilter, ...filter, ...preScore, ...(parts.others ?? [])].forEach(remember);
  score.forEach((s) => remember(s.plugin));
  return {
    queueSort: prioritySort,
    preEnqueue: [],
    preFilter,
    filter,
    postFilter: [],
    preScore,
    score,
    reserve: [],
    permit: [],
    preBind: [],
    bind: [noopBinder],
    postBind: [],
    all,
  };
}
