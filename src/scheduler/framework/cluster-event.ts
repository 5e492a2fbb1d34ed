/**
 * Cluster events that can make an unschedulable pod schedulable (upstream ClusterEvent): a resource kind and
 * a bit set of actions. A plugin that rejected a pod lists the events that could change its mind; the queue
 * moves the pod back to active (or backoff) only on those. `hint`, when given, decides per pod and object.
 */
import type { Pod } from '../../api/core/v1/pod.js';

export const ActionType = {
  Add: 1,
  Delete: 2,
  UpdateNodeAllocatable: 4,
  UpdateNodeLabel: 8,
  UpdateNodeTaint: 16,
  UpdateNodeCondition: 32,
  UpdateNodeAnnotation: 64,
  UpdatePodLabel: 128,
  UpdatePodScaleDown: 256,
  /** Any other update. */
  Update: 512,
  All: 1023,
} as const;
export type ActionType = number;

export const EventResource = {
  Pod: 'Pod',
  /** A pod assigned to a node changed (upstream AssignedPod). */
  AssignedPod: 'AssignedPod',
  Node: 'Node',
  Namespace: 'Namespace',
  PersistentVolumeClaim: 'PersistentVolumeClaim',
  Wildcard: '*',
} as const;
export type EventResource = (typeof EventResource)[keyof typeof EventResource];

export const QueueingHint = { Queue: 'Queue', Skip: 'Skip' } as const;
export type QueueingHint = (typeof QueueingHint)[keyof typeof QueueingHint];

export interface ClusterEvent {
  readonly resource: EventResource;
  readonly actions: ActionType;
  /** Whether this event, for `pod`, is worth a retry; absent means always. */
  readonly hint?: (pod: Pod, oldObj: unknown, newObj: unknown) => QueueingHint;
}

/** An event that happened: what, and the objects before and after (undefined where not applicable). */
export interface ObservedEvent {
  readonly resource: EventResource;
  readonly action: ActionType;
  readonly oldObj?: unknown;
  readonly newObj?: unknown;
}

/** Whether the registered `event` covers the observed one. */
export function eventMatches(event: ClusterEvent, observed: ObservedEvent): boolean {
  const sameResource =
    event.resource === EventResource.Wildcard ||
    event.resource === observed.resource ||
    (event.resource === EventResource.Pod && observed.resource === EventResource.AssignedPod);
  return sameResource && (event.actions & observed.action) !== 0;
}
