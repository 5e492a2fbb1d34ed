/**
 * NodeUnschedulable (upstream plugins/nodeunschedulable): a cordoned node (`spec.unschedulable`) takes only
 * pods that tolerate the `node.kubernetes.io/unschedulable:NoSchedule` taint.
 */
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import { ActionType, type ClusterEvent, EventResource, QueueingHint } from '../../framework/cluster-event.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type {
  EnqueueExtensions,
  FilterPlugin,
  NodeInfoLister,
  PluginFactory,
  PreFilterPlugin,
} from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';
import {
  TAINT_NODE_UNSCHEDULABLE,
  TaintEffect,
  type TaintLike,
  tolerationsTolerateTaint,
} from '../taint-toleration/toleration.js';

export const NAME = 'NodeUnschedulable';

/** The reason a cordoned node gives. */
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

/** NodeUnschedulable takes no arguments. */
export type NodeUnschedulableArgs = undefined;

/** Shared: statuses are immutable. */
const REJECTED = Status.unresolvable(ERR_REASON_UNSCHEDULABLE);
const UNSCHEDULABLE_TAINT: TaintLike = { key: TAINT_NODE_UNSCHEDULABLE, effect: TaintEffect.NoSchedule };

export class NodeUnschedulable implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
  readonly name = NAME;

  constructor(private readonly snapshot: () => NodeInfoLister) {}

  /**
   * Skip when no node is cordoned: Filter would pass every node. (Upstream's plugin has no PreFilter; this
   * spares a cycle reading every node's spec for nothing.)
   */
  preFilter(): { status: Status } {
    return { status: this.snapshot().unschedulableNodes() === 0 ? Status.SKIP : Status.SUCCESS };
  }

  /** Rejects a cordoned node (UnschedulableAndUnresolvable) unless the pod tolerates its unschedulable taint. */
  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    if (nodeInfo.node?.spec?.unschedulable !== true) return Status.SUCCESS;
    if (tolerationsTolerateTaint(pod.spec?.tolerations, UNSCHEDULABLE_TAINT)) return Status.SUCCESS;
    return REJECTED;
  }

  /**
   * A node added schedulable or uncordoned, or the pod gaining the toleration. Upstream counts a change of
   * `spec.unschedulable` as UpdateNodeTaint.
   */
  eventsToRegister(): readonly ClusterEvent[] {
    return [
      { resource: EventResource.Node, actions: ActionType.Add | ActionType.UpdateNodeTaint, hint: afterNodeChange },
      { resource: EventResource.Pod, actions: ActionType.Update, hint: afterPodTolerationChange },
    ];
  }
}

/** Queue when the node was added schedulable, or went from unschedulable to schedulable. */
function afterNodeChange(_pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
  if (!isObject(newObj) || (oldObj !== undefined && !isObject(oldObj))) return QueueingHint.Queue;
  const nowSchedulable = (newObj as Node).spec?.unschedulable !== true;
  const wasUnschedulable = oldObj === undefined || (oldObj as Node).spec?.unschedulable === true;
  return nowSchedulable && wasUnschedulable ? QueueingHint.Queue : QueueingHint.Skip;
}

/** Queue when the waiting pod itself now tolerates the unschedulable taint. */
function afterPodTolerationChange(pod: Pod, _oldObj: unknown, newObj: unknown): QueueingHint {
  if (!isObject(newObj)) return QueueingHint.Queue;
  const modified = newObj as Pod;
  if (modified.metadata?.uid !== pod.metadata?.uid) return QueueingHint.Skip;
  return tolerationsTolerateTaint(modified.spec?.tolerations, UNSCHEDULABLE_TAINT)
    ? QueueingHint.Queue
    : QueueingHint.Skip;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

export const newNodeUnschedulable: PluginFactory = (_args, handle) => new NodeUnschedulable(() => handle.snapshot());
