/**
 * Which cluster events may make a pod this plugin rejected schedulable (upstream isSchedulableAfterPodChange and
 * isSchedulableAfterNodeChange). Only the pod's hard constraints matter: Filter is what rejected it.
 */
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { Toleration } from '../../../api/core/v1/scheduling.js';
import type { Labels } from '../../../machinery/labels/index.js';
import { QueueingHint } from '../../framework/cluster-event.js';
import {
  hasAllTopologyKeys,
  labelValue,
  matchesAnyConstraint,
  podLabels,
  type SpreadConstraint,
} from './constraints.js';

/** The hard constraints of a pod (its own, or the defaults). */
export type HardConstraints = (pod: Pod) => readonly SpreadConstraint[];

/** Whether an added, updated or deleted pod can change the spread `pod` was rejected for. */
export function podChangeHint(
  pod: Pod,
  oldObj: unknown,
  newObj: unknown,
  constraintsOf: HardConstraints,
): QueueingHint {
  const original = asPod(oldObj);
  const modified = asPod(newObj);
  if ((modified && !involvedInSpreading(modified, pod)) || (original && !involvedInSpreading(original, pod))) {
    return QueueingHint.Skip; // unscheduled, or in another namespace
  }
  let constraints: readonly SpreadConstraint[];
  try {
    constraints = constraintsOf(pod);
  } catch {
    return QueueingHint.Queue;
  }
  if (modified && original) {
    const sameUid = (pod.metadata?.uid ?? '') === (modified.metadata?.uid ?? '');
    if (
      sameUid &&
      !sameTolerations(modified.spec?.tolerations, original.spec?.tolerations) &&
      constraints.some((c) => c.honorNodeTaints)
    ) {
      return QueueingHint.Queue; // a new toleration may let more nodes count
    }
    const before = podLabels(original);
    const after = podLabels(modified);
    if (sameLabels(before, after)) return QueueingHint.Skip;
    const changed = constraints.some((c) => c.selector.matches(before) !== c.selector.matches(after));
    return changed ? QueueingHint.Queue : QueueingHint.Skip;
  }
  const changedPod = modified ?? original;
  if (changedPod === undefined) return QueueingHint.Queue;
  return matchesAnyConstraint(constraints, podLabels(changedPod)) ? QueueingHint.Queue : QueueingHint.Skip;
}

/** Whether an added, updated or deleted node can change the topology domains `pod` was rejected for. */
export function nodeChangeHint(
  pod: Pod,
  oldObj: unknown,
  newObj: unknown,
  constraintsOf: HardConstraints,
): QueueingHint {
  const original = asNode(oldObj);
  const modified = asNode(newObj);
  let constraints: readonly SpreadConstraint[];
  try {
    constraints = constraintsOf(pod);
  } catch {
    return QueueingHint.Queue;
  }
  const originalMatching = original !== undefined && hasAllTopologyKeys(original.metadata?.labels, constraints);
  const modifiedMatching = modified !== undefined && hasAllTopologyKeys(modified.metadata?.labels, constraints);
  if (original && modified) {
    if (originalMatching !== modifiedMatching) return QueueingHint.Queue;
    if (
      modifiedMatching &&
      (topologyLabelsChanged(original.metadata?.labels, modified.metadata?.labels, constraints) ||
        !sameTaints(original, modified))
    ) {
      return QueueingHint.Queue;
    }
    return QueueingHint.Skip;
  }
  if (modified) return modifiedMatching ? QueueingHint.Queue : QueueingHint.Skip;
  return originalMatching ? QueueingHint.Queue : QueueingHint.Skip;
}

/** The changed pod is the rejected pod itself, or an assigned pod of its namespace. */
function involvedInSpreading(changed: Pod, pod: Pod): boolean {
  const sameUid = (changed.metadata?.uid ?? '') === (pod.metadata?.uid ?? '');
  return sameUid || ((changed.spec?.nodeName ?? '') !== '' && changed.metadata?.namespace === pod.metadata?.namespace);
}

function topologyLabelsChanged(
  before: Labels | undefined,
  after: Labels | undefined,
  constraints: readonly SpreadConstraint[],
): boolean {
  return constraints.some((c) => labelValue(before, c.topologyKey) !== labelValue(after, c.topologyKey));
}

function sameLabels(a: Labels, b: Labels): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

function sameTolerations(a: readonly Toleration[] | undefined, b: readonly Toleration[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  if (x.length !== y.length) return false;
  return x.every((t, i) => {
    const u = y[i] as Toleration;
    return (
      t.key === u.key &&
      t.operator === u.operator &&
      t.value === u.value &&
      t.effect === u.effect &&
      t.tolerationSeconds === u.tolerationSeconds
    );
  });
}

function sameTaints(a: Node, b: Node): boolean {
  const x = a.spec?.taints ?? [];
  const y = b.spec?.taints ?? [];
  if (x.length !== y.length) return false;
  return x.every((t, i) => {
    const u = y[i];
    return (
      u !== undefined && t.key === u.key && t.value === u.value && t.effect === u.effect && t.timeAdded === u.timeAdded
    );
  });
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;
const asPod = (value: unknown): Pod | undefined => (isObject(value) ? (value as Pod) : undefined);
const asNode = (value: unknown): Node | undefined => (isObject(value) ? (value as Node) : undefined);
