/**
 * NodePorts (upstream plugins/nodeports): a node fits only if none of the host ports the pod asks for is in
 * use there (same protocol and port, on the same IP or where either side binds 0.0.0.0).
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import { ActionType, type ClusterEvent, EventResource, QueueingHint } from '../../framework/cluster-event.js';
import type { CycleState } from '../../framework/cycle-state.js';
import { type HostPort, HostPortInfo, podHostPorts } from '../../framework/host-ports.js';
import type {
  EnqueueExtensions,
  FilterPlugin,
  PluginFactory,
  PreFilterPlugin,
  PreFilterResult,
} from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';

export const NAME = 'NodePorts';

/** CycleState key of the pod's host ports, written by PreFilter. */
export const PRE_FILTER_STATE_KEY = `PreFilter${NAME}`;

/** The reason a node with a conflicting port gives. */
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports";

/** Shared: statuses are immutable. */
const REJECTED = Status.unschedulable(ERR_REASON);

/** NodePorts takes no arguments. */
export type NodePortsArgs = undefined;

/** Whether none of `wanted` conflicts with `inUse`. */
export function fitsPorts(wanted: readonly HostPort[], inUse: HostPortInfo): boolean {
  for (const port of wanted) if (inUse.conflicts(port)) return false;
  return true;
}

export class NodePorts implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
  readonly name = NAME;

  /** Collects the pod's host ports once; Skip (no Filter needed) when it asks for none. */
  preFilter(state: CycleState, pod: Pod): { status: Status; result?: PreFilterResult } {
    const ports = podHostPorts(pod);
    if (ports.length === 0) return { status: Status.SKIP };
    state.write(PRE_FILTER_STATE_KEY, ports);
    return { status: Status.SUCCESS };
  }

  /** Unschedulable (preemption can free a port) when a wanted port is in use on the node. */
  filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status {
    const wanted = state.read<readonly HostPort[]>(PRE_FILTER_STATE_KEY);
    if (wanted === undefined) return Status.error(`reading "${PRE_FILTER_STATE_KEY}" from cycleState: not found`);
    return fitsPorts(wanted, nodeInfo.usedPorts) ? Status.SUCCESS : REJECTED;
  }

  /** A deleted pod may free a port (ports of a pod cannot change); a new node has all ports free. */
  eventsToRegister(): readonly ClusterEvent[] {
    return [
      { resource: EventResource.Pod, actions: ActionType.Delete, hint: afterPodDeleted },
      { resource: EventResource.Node, actions: ActionType.Add },
    ];
  }
}

/** Queue only when the deleted pod (`oldObj`) was on a node, or nominated to one, and held a port the pod wants. */
function afterPodDeleted(pod: Pod, oldObj: unknown): QueueingHint {
  if (typeof oldObj !== 'object' || oldObj === null) return QueueingHint.Queue;
  const deleted = oldObj as Pod;
  if ((deleted.spec?.nodeName ?? '') === '' && (deleted.status?.nominatedNodeName ?? '') === '') {
    return QueueingHint.Skip;
  }
  const freed = podHostPorts(deleted);
  if (freed.length === 0) return QueueingHint.Skip;
  const inUse = new HostPortInfo();
  for (const port of freed) inUse.add(port);
  return fitsPorts(podHostPorts(pod), inUse) ? QueueingHint.Skip : QueueingHint.Queue;
}

export const newNodePorts: PluginFactory = () => new NodePorts();
