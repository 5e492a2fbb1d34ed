/**
 * Spread constraints as the plugin uses them (upstream topologySpreadConstraint): the selector parsed, the pod's
 * matchLabelKeys merged into it, and minDomains and the node inclusion policies resolved to their defaults.
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import type { TopologySpreadConstraint } from '../../../api/core/v1/scheduling.js';
import { errorString } from '../../../machinery/field-errors.js';
import {
  type LabelSelectorObject,
  labelSelectorFromObject,
  LabelSelector,
  labelSelectorFromSet,
  type Labels,
  Operator,
  type Requirement,
} from '../../../machinery/labels/index.js';
import type { PodInfo } from '../../framework/pod-info.js';

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

/** `whenUnsatisfiable` values. */
export const UnsatisfiableAction = { DoNotSchedule: 'DoNotSchedule', ScheduleAnyway: 'ScheduleAnyway' } as const;
export type UnsatisfiableAction = (typeof UnsatisfiableAction)[keyof typeof UnsatisfiableAction];

export interface SpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  /** Which pods count; `LabelSelector.nothing()` for a null labelSelector. */
  readonly selector: LabelSelector;
  /** Treated as 1 when unset. */
  readonly minDomains: number;
  /** nodeAffinityPolicy Honor (the default): only nodes matching the pod's required node affinity count. */
  readonly honorNodeAffinity: boolean;
  /** nodeTaintsPolicy Honor (default Ignore): only nodes whose taints the pod tolerates count. */
  readonly honorNodeTaints: boolean;
}

/**
 * The constraints of `list` whose whenUnsatisfiable is `action`, parsed (upstream
 * filterTopologySpreadConstraints). matchLabelKeys present in `podLabels` are ANDed into the selector.
 * @throws Error when a labelSelector is invalid.
 */
export function parseConstraints(
  list: readonly TopologySpreadConstraint[],
  podLabels: Labels,
  action: UnsatisfiableAction,
): SpreadConstraint[] {
  const result: SpreadConstraint[] = [];
  for (const c of list) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = parseSelector(c.labelSelector as LabelSelectorObject | undefined);
    const keys = c.matchLabelKeys ?? [];
    if (keys.length > 0) {
      const matchLabels: Record<string, string> = {};
      let any = false;
      for (const key of keys) {
        const value = podLabels[key];
        if (typeof value === 'string' && Object.hasOwn(podLabels, key)) {
          matchLabels[key] = value;
          any = true;
        }
      }
      if (any) selector = mergeLabelSetWithSelector(matchLabels, selector);
    }
    result.push({
      maxSkew: c.maxSkew ?? 0,
      topologyKey: c.topologyKey ?? '',
      selector,
      minDomains: c.minDomains ?? 1,
      honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
      honorNodeTaints: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
    });
  }
  return result;
}

function parseSelector(object: LabelSelectorObject | undefined): LabelSelector {
  const parsed = labelSelectorFromObject(object ?? null);
  if (!parsed.ok) throw new Error(parsed.errors.map(errorString).join(', '));
  return parsed.selector;
}

/** `matchLabels` ANDed with the requirements of `selector`; a selector that matches nothing stays so. */
export function mergeLabelSetWithSelector(matchLabels: Labels, selector: LabelSelector): LabelSelector {
  if (selector.matchesNothing) return selector;
  return LabelSelector.of([...labelSelectorFromSet(matchLabels).requirements, ...selector.requirements]);
}

/**
 * The value of label `key`, or undefined when absent. Object.prototype holds no strings, so the type check
 * alone keeps inherited properties out (without the cost of a hasOwn per node).
 */
export function labelValue(labels: Labels | undefined | null, key: string): string | undefined {
  if (labels === undefined || labels === null) return undefined;
  const value: unknown = labels[key];
  return typeof value === 'string' ? value : undefined;
}

/** Whether `labels` hold every topology key of `constraints` (upstream nodeLabelsMatchSpreadConstraints). */
export function hasAllTopologyKeys(
  labels: Labels | undefined | null,
  constraints: readonly SpreadConstraint[],
): boolean {
  for (const c of constraints) {
    if (labelValue(labels, c.topologyKey) === undefined) return false;
  }
  return true;
}

/**
 * `selector.matches(labels)` without the per-call closure of the generic matcher: counting runs it for every
 * pod on every changed node. Gt/Lt (never in pod selectors from metav1.LabelSelector) take the generic path.
 */
export function selectorMatches(selector: LabelSelector, labels: Labels | undefined | null): boolean {
  if (selector.matchesNothing) return false;
  const requirements = selector.requirements;
  for (let i = 0; i < requirements.length; i++) {
    const r = requirements[i] as Requirement;
    const value = labelValue(labels, r.key);
    switch (r.operator) {
      case Operator.Equals:
      case Operator.DoubleEquals:
      case Operator.In:
        if (value === undefined || !r.values.includes(value)) return false;
        break;
      case Operator.NotEquals:
      case Operator.NotIn:
        if (value !== undefined && r.values.includes(value)) return false;
        break;
      case Operator.Exists:
        if (value === undefined) return false;
        break;
      case Operator.DoesNotExist:
        if (value !== undefined) return false;
        break;
      default:
        return selector.matches(labels);
    }
  }
  return true;
}

/** Whether `labels` match the selector of any of `constraints`. */
export function matchesAnyConstraint(constraints: readonly SpreadConstraint[], labels: Labels | undefined): boolean {
  return constraints.some((c) => c.selector.matches(labels));
}

/**
 * How many of `pods` in `namespace` match `selector`; terminating pods (with a deletionTimestamp) never count.
 * Runs for every node in PreFilter and PreScore: no allocation.
 */
export function countMatchingPods(pods: readonly PodInfo[], selector: LabelSelector, namespace: string): number {
  if (selector.matchesNothing) return 0;
  let count = 0;
  for (let i = 0; i < pods.length; i++) {
    const meta = (pods[i] as PodInfo).pod.metadata;
    if (meta === undefined || meta.deletionTimestamp || (meta.namespace ?? '') !== namespace) continue;
    if (selectorMatches(selector, meta.labels)) count++;
  }
  return count;
}

/** The pod's namespace ('' when unset). */
export const podNamespace = (pod: Pod): string => pod.metadata?.namespace ?? '';

/** The pod's labels (empty when unset). */
export const podLabels = (pod: Pod): Labels => pod.metadata?.labels ?? {};
