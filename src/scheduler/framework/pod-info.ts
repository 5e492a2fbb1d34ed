/**
 * A pod as the scheduler holds it (upstream PodInfo): the object plus what every cycle would otherwise
 * recompute — its resource requests and its parsed inter-pod affinity terms.
 */
import type { PodAffinityTerm } from '../../api/core/v1/affinity.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { LabelSelector } from '../../machinery/labels/index.js';
import { type LabelSelectorObject, labelSelectorFromObject } from '../../machinery/labels/label-selector-object.js';
import { podRequests, type Resource } from './resource.js';

export interface AffinityTerm {
  /** Namespaces named by the term; with no names and no namespaceSelector: the pod's own namespace. */
  readonly namespaces: ReadonlySet<string>;
  /** Matches the labels of other pods. */
  readonly selector: LabelSelector;
  readonly topologyKey: string;
  /** Matches namespace labels; `nothing` when the term has no namespaceSelector. */
  readonly namespaceSelector: LabelSelector;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  readonly weight: number;
}

export interface PodInfo {
  readonly pod: Pod;
  readonly key: string;
  /** Requests as Filter counts them. */
  readonly requests: Resource;
  /** Requests with upstream's non-zero defaults, as scoring counts them. */
  readonly nonZeroRequests: Resource;
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
}

/** `namespace/name` of a pod. */
export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

export function newPodInfo(pod: Pod): PodInfo {
  const affinity = pod.spec?.affinity;
  const namespace = pod.metadata?.namespace ?? '';
  const required = (terms: readonly PodAffinityTerm[] | undefined) =>
    (terms ?? []).map((t) => affinityTerm(namespace, t));
  const preferred = (terms: readonly { weight?: number; podAffinityTerm?: PodAffinityTerm }[] | undefined) =>
    (terms ?? []).map((t) => ({
      ...affinityTerm(namespace, t.podAffinityTerm ?? { topologyKey: '' }),
      weight: t.weight ?? 0,
    }));
  return {
    pod,
    key: podKey(pod),
    requests: podRequests(pod),
    nonZeroRequests: podRequests(pod, true),
    requiredAffinityTerms: required(affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    requiredAntiAffinityTerms: required(affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    preferredAffinityTerms: preferred(affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinityTerms: preferred(affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
  };
}

function affinityTerm(podNamespace: string, term: PodAffinityTerm): AffinityTerm {
  const names = term.namespaces ?? [];
  const nsSelector = term.namespaceSelector === undefined ? undefined : toSelector(term.namespaceSelector);
  const namespaces = new Set(names.length === 0 && nsSelector === undefined ? [podNamespace] : names);
  return {
    namespaces,
    selector: toSelector(term.labelSelector),
    topologyKey: term.topologyKey ?? '',
    namespaceSelector: nsSelector ?? LabelSelector.nothing(),
  };
}

function toSelector(selector: object | undefined): LabelSelector {
  const result = labelSelectorFromObject(selector as LabelSelectorObject | undefined);
  return result.ok ? result.selector : LabelSelector.nothing();
}

/**
 * Whether `term` (of a pod in the term's namespaces) matches `pod`: the pod is in one of the term's namespaces,
 * or its namespace's labels match the term's namespaceSelector, and its labels match the term's selector.
 */
export function termMatches(
  term: AffinityTerm,
  pod: Pod,
  namespaceLabels: Readonly<Record<string, string>> | undefined,
): boolean {
  const ns = pod.metadata?.namespace ?? '';
  if (!term.namespaces.has(ns) && !term.namespaceSelector.matches(namespaceLabels ?? {})) return false;
  return term.selector.matches(pod.metadata?.labels ?? {});
}
