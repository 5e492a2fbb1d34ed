/**
 * NodeName (upstream plugins/nodename): a pod that names its node (`spec.nodeName`) fits only that node.
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import { ActionType, type ClusterEvent, EventResource } from '../../framework/cluster-event.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { EnqueueExtensions, FilterPlugin, PluginFactory } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';

export const NAME = 'NodeName';

/** The reason a node other than the requested one gives. */
export const ERR_REASON = "node(s) didn't match the requested node name";

/** Shared: statuses are immutable, and Filter rejects most nodes for a pod that names one. */
const REJECTED = Status.unresolvable(ERR_REASON);

/** NodeName takes no arguments. */
export type NodeNameArgs = undefined;

/** Whether `pod` may go to `nodeInfo`'s node: it names no node, or this one. */
export function fits(pod: Pod, nodeInfo: NodeInfo): boolean {
  const wanted = pod.spec?.nodeName ?? '';
  return wanted === '' || wanted === nodeInfo.name;
}

export class NodeName implements FilterPlugin, EnqueueExtensions {
  readonly name = NAME;

  /** Rejects (UnschedulableAndUnresolvable) every node but the one the pod names. */
  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    return fits(pod, nodeInfo) ? Status.SUCCESS : REJECTED;
  }

  /** Only a new node can be the named one; every Node/Add is worth a retry. */
  eventsToRegister(): readonly ClusterEvent[] {
    return [{ resource: EventResource.Node, actions: ActionType.Add }];
  }
}

export const newNodeName: PluginFactory = () => new NodeName();
