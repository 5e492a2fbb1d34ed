/**
 * The cluster events that can make a pod NodeResourcesFit rejected schedulable (upstream EventsToRegister with
 * queueing hints on, and in-place pod resize on): a pod deleted or scaled down frees requests; a node added, or
 * its allocatable changed, adds room. The hints skip events that cannot help this pod.
 */
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import { ActionType, type ClusterEvent, EventResource, QueueingHint } from '../../framework/cluster-event.js';
import { NodeInfo } from '../../framework/node-info.js';
import { CPU, EPHEMERAL_STORAGE, MEMORY, podRequests } from '../../framework/resource.js';
import { fits } from './fits-request.js';
import { computePodResourceRequest } from './pod-resource-request.js';
import { isScalarResourceName } from './resource-names.js';

/** NodeResourcesFit's events, with hints. */
export function fitEvents(): readonly ClusterEvent[] {
  return [
    {
      resource: EventResource.Pod,
      actions: ActionType.Delete | ActionType.UpdatePodScaleDown,
      hint: isSchedulableAfterPodEvent,
    },
    {
      resource: EventResource.Node,
      actions: ActionType.Add | ActionType.UpdateNodeAllocatable,
      hint: isSchedulableAfterNodeChange,
    },
  ];
}

const asObject = <T>(value: unknown): T | undefined =>
  typeof value === 'object' && value !== null ? (value as T) : undefined;

/** A deleted pod helps only if it was bound or nominated; a scaled-down one only if it frees what `pod` needs. */
export function isSchedulableAfterPodEvent(pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
  const original = asObject<Pod>(oldObj);
  const modified = asObject<Pod>(newObj);
  if (modified === undefined) {
    if (original === undefined) return QueueingHint.Queue;
    const placed = (original.spec?.nodeName ?? '') !== '' || (original.status?.nominatedNodeName ?? '') !== '';
    return placed ? QueueingHint.Queue : QueueingHint.Skip;
  }
  if (original === undefined) return QueueingHint.Queue;
  return isSchedulableAfterPodScaleDown(pod, original, modified) ? QueueingHint.Queue : QueueingHint.Skip;
}

function isSchedulableAfterPodScaleDown(target: Pod, original: Pod, modified: Pod): boolean {
  if (modified.metadata?.uid !== undefined && modified.metadata.uid === target.metadata?.uid) return true;
  if ((modified.spec?.nodeName ?? '') === '') return false;
  const before = podRequests(original);
  const after = podRequests(modified);
  const wanted = podRequests(target);
  for (const name of wanted.names()) {
    if (wanted.get(name) === 0) continue;
    if (name !== CPU && name !== MEMORY && name !== EPHEMERAL_STORAGE && !isScalarResourceName(name)) continue;
    if (before.get(name) > after.get(name)) return true;
  }
  return false;
}

/** A node helps if the pod fits it when empty and, for an update, a resource the pod requests grew. */
export function isSchedulableAfterNodeChange(pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
  const original = asObject<Node>(oldObj);
  const modified = asObject<Node>(newObj);
  if (modified === undefined || fits(pod, new NodeInfo(modified)).length > 0) return QueueingHint.Skip;
  if (original === undefined) return QueueingHint.Queue;
  return haveRequestedResourcesIncreased(pod, original, modified) ? QueueingHint.Queue : QueueingHint.Skip;
}

function haveRequestedResourcesIncreased(pod: Pod, originalNode: Node, modifiedNode: Node): boolean {
  const req = computePodResourceRequest(pod);
  const before = new NodeInfo(originalNode).allocatable;
  const after = new NodeInfo(modifiedNode).allocatable;
  if (after.allowedPodNumber > before.allowedPodNumber) return true;
  if (
    (req.milliCPU > 0 && after.milliCPU > before.milliCPU) ||
    (req.memory > 0 && after.memory > before.memory) ||
    (req.ephemeralStorage > 0 && after.ephemeralStorage > before.ephemeralStorage)
  ) {
    return true;
  }
  return req.scalarNames.some((name) => (after.scalar.get(name) ?? 0) > (before.scalar.get(name) ?? 0));
}
