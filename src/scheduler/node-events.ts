/**
 * Which kinds of node change an update is (upstream nodeSchedulingPropertiesChange): allocatable, labels,
 * taints or unschedulable, conditions, annotations. A heartbeat alone (condition timestamps) is none of them,
 * so it moves no unschedulable pod.
 */
import type { Node } from '../api/core/v1/node.js';
import { ActionType } from './framework/cluster-event.js';

export function nodeUpdateActions(oldNode: Node, newNode: Node): number {
  let actions = 0;
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  if (!same(oldNode.status?.allocatable, newNode.status?.allocatable)) actions |= ActionType.UpdateNodeAllocatable;
  if (!same(oldNode.metadata?.labels, newNode.metadata?.labels)) actions |= ActionType.UpdateNodeLabel;
  if (
    !same(oldNode.spec?.taints, newNode.spec?.taints) ||
    (oldNode.spec?.unschedulable ?? false) !== (newNode.spec?.unschedulable ?? false)
  ) {
    actions |= ActionType.UpdateNodeTaint;
  }
  const conditions = (n: Node): string => JSON.stringify((n.status?.conditions ?? []).map((c) => [c.type, c.status]));
  if (conditions(oldNode) !== conditions(newNode)) actions |= ActionType.UpdateNodeCondition;
  if (!same(oldNode.metadata?.annotations, newNode.metadata?.annotations)) actions |= ActionType.UpdateNodeAnnotation;
  return actions;
}
