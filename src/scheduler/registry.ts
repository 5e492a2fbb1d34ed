/**
 * The in-tree plugins, by upstream name: the one explicit map a profile's configuration picks from.
 */
import type { PluginFactory } from './framework/interfaces.js';
import { NAME as DefaultBinder, newDefaultBinder } from './plugins/default-binder/default-binder.js';
import { NAME as DefaultPreemption, newDefaultPreemption } from './plugins/default-preemption/default-preemption.js';
import { NAME as ImageLocality, newImageLocality } from './plugins/image-locality/image-locality.js';
import { NAME as InterPodAffinity, newInterPodAffinity } from './plugins/inter-pod-affinity/inter-pod-affinity.js';
import { NAME as NodeAffinity, newNodeAffinity } from './plugins/node-affinity/node-affinity.js';
import { NAME as NodeName, newNodeName } from './plugins/node-name/node-name.js';
import { NAME as NodePorts, newNodePorts } from './plugins/node-ports/node-ports.js';
import {
  NAME as NodeResourcesBalancedAllocation,
  newNodeResourcesBalancedAllocation,
} from './plugins/node-resources-balanced-allocation/node-resources-balanced-allocation.js';
import { NAME as NodeResourcesFit, newNodeResourcesFit } from './plugins/node-resources-fit/node-resources-fit.js';
import { NAME as NodeUnschedulable, newNodeUnschedulable } from './plugins/node-unschedulable/node-unschedulable.js';
import { NAME as PodTopologySpread, newPodTopologySpread } from './plugins/pod-topology-spread/pod-topology-spread.js';
import { NAME as PrioritySort, newPrioritySort } from './plugins/priority-sort/priority-sort.js';
import { NAME as SchedulingGates, newSchedulingGates } from './plugins/scheduling-gates/scheduling-gates.js';
import { NAME as TaintToleration, newTaintToleration } from './plugins/taint-toleration/taint-toleration.js';

export function inTreeRegistry(): Map<string, PluginFactory> {
  return new Map<string, PluginFactory>([
    [PrioritySort, newPrioritySort],
    [SchedulingGates, newSchedulingGates],
    [NodeUnschedulable, newNodeUnschedulable],
    [NodeName, newNodeName],
    [TaintToleration, newTaintToleration],
    [NodeAffinity, newNodeAffinity],
    [NodePorts, newNodePorts],
    [NodeResourcesFit, newNodeResourcesFit],
    [NodeResourcesBalancedAllocation, newNodeResourcesBalancedAllocation],
    [PodTopologySpread, newPodTopologySpread],
    [InterPodAffinity, newInterPodAffinity],
    [ImageLocality, newImageLocality],
    [DefaultPreemption, newDefaultPreemption],
    [DefaultBinder, newDefaultBinder],
  ]);
}
