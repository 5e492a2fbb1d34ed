/**
 * TaintToleration (upstream plugins/tainttoleration): Filter rejects nodes with a NoSchedule or NoExecute
 * taint the pod does not tolerate; Score prefers nodes with fewer PreferNoSchedule taints the pod does not
 * tolerate (raw score = that count, normalised in reverse so the node with none gets 100).
 */
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { Toleration } from '../../../api/core/v1/scheduling.js';
import { ActionType, type ClusterEvent, EventResource, QueueingHint } from '../../framework/cluster-event.js';
import { type CycleState, CycleStateKey } from '../../framework/cycle-state.js';
import {
  type EnqueueExtensions,
  type FilterPlugin,
  MAX_NODE_SCORE,
  type NodeInfoLister,
  type NodeScore,
  type PluginFactory,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
} from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';
import { defaultNormalizeScore } from './normalize-score.js';
import { findUntoleratedTaint, isDoNotScheduleTaint, TaintEffect, tolerationsTolerateTaint } from './toleration.js';

export const NAME = 'TaintToleration';

/** CycleState key of what PreScore computed for Score. */
export const PRE_SCORE_STATE_KEY = `PreScore${NAME}`;

/** TaintToleration takes no arguments. */
export type TaintTolerationArgs = undefined;

interface PreScoreState {
  /** The pod's tolerations that can tolerate a PreferNoSchedule taint (that effect, or no effect). */
  readonly tolerationsPreferNoSchedule: readonly Toleration[];
}

export class TaintToleration implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NAME;
  private readonly preScoreState = new CycleStateKey<PreScoreState>(PRE_SCORE_STATE_KEY);

  constructor(private readonly snapshot: () => NodeInfoLister) {}

  /**
   * Skip when no node has a taint: Filter would pass every node. (Upstream's plugin has no PreFilter; this
   * spares a cycle reading every node's taints for nothing.)
   */
  preFilter(): { status: Status } {
    return { status: this.snapshot().taintedNodes() === 0 ? Status.SKIP : Status.SUCCESS };
  }

  /**
   * Rejects the node (UnschedulableAndUnresolvable: evicting pods does not remove taints) when it has a
   * NoSchedule/NoExecute taint none of the pod's tolerations tolerates; the reason names the first such taint.
   */
  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    const taint = findUntoleratedTaint(nodeInfo.node?.spec?.taints, pod.spec?.tolerations, isDoNotScheduleTaint);
    if (taint === undefined) return Status.SUCCESS;
    return Status.unresolvable(`node(s) had untolerated taint {${taint.key ?? ''}: ${taint.value ?? ''}}`);
  }

  /**
   * Keeps the tolerations that matter for scoring. Skip when no node has a taint: every node would count 0
   * and, normalised, score the same 100, which changes no ranking.
   */
  preScore(state: CycleState, pod: Pod): Status {
    if (this.snapshot().taintedNodes() === 0) return Status.SKIP;
    const tolerationsPreferNoSchedule = (pod.spec?.tolerations ?? []).filter(
      (t) => (t.effect ?? '') === '' || t.effect === TaintEffect.PreferNoSchedule,
    );
    const data: PreScoreState = { tolerationsPreferNoSchedule };
    state.write(PRE_SCORE_STATE_KEY, data);
    return Status.SUCCESS;
  }

  /** The number of the node's PreferNoSchedule taints the pod does not tolerate. */
  score(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): number | Status {
    const data = this.preScoreState.read(state);
    if (data === undefined) return Status.error(`failed to read "${PRE_SCORE_STATE_KEY}" from cycleState: not found`);
    const taints = nodeInfo.node?.spec?.taints;
    if (taints === undefined) return 0;
    let intolerable = 0;
    for (const taint of taints) {
      if (taint.effect !== TaintEffect.PreferNoSchedule) continue;
      if (!tolerationsTolerateTaint(data.tolerationsPreferNoSchedule, taint)) intolerable++;
    }
    return intolerable;
  }

  /** Fewer intolerable taints is better: the node with the fewest gets MAX_NODE_SCORE. */
  normalizeScore(_state: CycleState, _pod: Pod, scores: NodeScore[]): Status {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
    return Status.SUCCESS;
  }

  /** A node that gains or drops taints, or a new toleration on the pod itself, may let the pod in. */
  eventsToRegister(): readonly ClusterEvent[] {
    return [
      { resource: EventResource.Node, actions: ActionType.Add | ActionType.UpdateNodeTaint, hint: afterNodeChange },
      { resource: EventResource.Pod, actions: ActionType.Update, hint: afterPodTolerationChange },
    ];
  }
}

/** Queue only when the node went from having an untolerated NoSchedule/NoExecute taint (or not existing) to none. */
function afterNodeChange(pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
  if (!isObject(newObj) || (oldObj !== undefined && !isObject(oldObj))) return QueueingHint.Queue;
  const tolerations = pod.spec?.tolerations;
  const wasUntolerated =
    oldObj === undefined ||
    findUntoleratedTaint((oldObj as Node).spec?.taints, tolerations, isDoNotScheduleTaint) !== undefined;
  const isUntolerated =
    findUntoleratedTaint((newObj as Node).spec?.taints, tolerations, isDoNotScheduleTaint) !== undefined;
  return wasUntolerated && !isUntolerated ? QueueingHint.Queue : QueueingHint.Skip;
}

/** Queue when the updated pod is the waiting pod itself (its tolerations may have grown). */
function afterPodTolerationChange(pod: Pod, _oldObj: unknown, newObj: unknown): QueueingHint {
  if (!isObject(newObj)) return QueueingHint.Queue;
  return (newObj as Pod).metadata?.uid === pod.metadata?.uid ? QueueingHint.Queue : QueueingHint.Skip;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

export const newTaintToleration: PluginFactory = (_args, handle) => new TaintToleration(() => handle.snapshot());
