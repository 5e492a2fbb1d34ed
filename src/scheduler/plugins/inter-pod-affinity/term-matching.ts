/**
 * Matching the incoming pod's affinity terms against other pods. Upstream resolves such a term's
 * namespaceSelector once per cycle into the namespaces that exist and match it (an empty selector keeps matching
 * every namespace); here the same answer comes from the namespace's labels, looked up only when the pod's
 * namespace is not one the term names. Terms of existing pods are matched with `termMatches` instead.
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import { type LabelSelector, Operator } from '../../../machinery/labels/index.js';
import type { AffinityTerm } from '../../framework/pod-info.js';

type Labels = Readonly<Record<string, string>>;
const NO_LABELS: Labels = Object.freeze({});

/** Labels of a namespace, or undefined when the namespace is not known. */
export type NamespaceLabelsLookup = (namespace: string) => Readonly<Record<string, string>> | undefined;

/**
 * Whether the incoming pod's `term` matches `pod`: the pod's namespace is named by the term or is an existing
 * namespace whose labels match the term's namespaceSelector (any namespace for an empty selector), and the pod's
 * labels match the term's label selector.
 */
export function incomingTermMatches(term: AffinityTerm, pod: Pod, namespaceLabels: NamespaceLabelsLookup): boolean {
  const metadata = pod.metadata;
  if (!term.namespaces.has(metadata?.namespace ?? '')) {
    const nsSelector = term.namespaceSelector;
    if (nsSelector.matchesNothing) return false;
    if (!nsSelector.isEmpty()) {
      const labels = namespaceLabels(metadata?.namespace ?? '');
      if (labels === undefined || !nsSelector.matches(labels)) return false;
    }
  }
  return selectorMatches(term.selector, metadata?.labels ?? NO_LABELS);
}

/**
 * `termMatches` of framework/pod-info.ts for a term of an existing pod, without its per-call allocations: `pod`
 * is in one of the term's namespaces or its namespace's labels (`podNamespaceLabels`) match the term's
 * namespaceSelector, and the pod's labels match the term's selector.
 */
export function existingTermMatches(term: AffinityTerm, pod: Pod, podNamespaceLabels: Labels | undefined): boolean {
  const metadata = pod.metadata;
  if (
    !term.namespaces.has(metadata?.namespace ?? '') &&
    !term.namespaceSelector.matches(podNamespaceLabels ?? NO_LABELS)
  ) {
    return false;
  }
  return selectorMatches(term.selector, metadata?.labels ?? NO_LABELS);
}

/**
 * `selector.matches(labels)` as a plain loop for the operators affinity terms use (the hot path of PreFilter and
 * PreScore, run for every existing pod); other operators defer to the selector itself.
 */
export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  if (selector.matchesNothing) return false;
  const requirements = selector.requirements;
  for (let i = 0; i < requirements.length; i++) {
    const r = requirements[i]!;
    const value = Object.hasOwn(labels, r.key) ? labels[r.key] : undefined;
    switch (r.operator) {
      case Operator.In:
      case Operator.Equals:
      case Operator.DoubleEquals:
        if (value === undefined || !r.values.includes(value)) return false;
        break;
      case Operator.NotIn:
      case Operator.NotEquals:
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

/** Whether `pod` matches every one of the incoming pod's `terms` (false when there are none), as upstream. */
export function matchesAllIncomingTerms(
  terms: readonly AffinityTerm[],
  pod: Pod,
  namespaceLabels: NamespaceLabelsLookup,
): boolean {
  if (terms.length === 0) return false;
  for (const term of terms) {
    if (!incomingTermMatches(term, pod, namespaceLabels)) return false;
  }
  return true;
}
