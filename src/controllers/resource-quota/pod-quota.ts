/**
 * How quota measures pods (upstream quota evaluator core/pods.go): which quota resources are about pods, what
 * one pod uses, and which scopes it falls in. `count/pods` counts every pod; everything else (`pods`, cpu,
 * memory, ephemeral storage, hugepages, extended resources) only pods that still run: not terminal, and not
 * past their deletion grace period (a pod stuck terminating on a lost node must not block new ones).
 */
import type { Pod } from '../../api/core/v1/pod.js';
import type { PodAffinityTerm } from '../../api/core/v1/affinity.js';
import type { ScopedResourceSelectorRequirement } from './quota-scopes.js';
import { podLimits, podRequests } from './pod-resources.js';
import { addUsage, count, parseResourceList, type Usage } from './resource-list.js';

export const POD_COUNT = 'count/pods';

/** The quota resources about pods, by exact name. */
export const POD_RESOURCES: ReadonlySet<string> = new Set([
  POD_COUNT,
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
]);

const POD_RESOURCE_PREFIXES = ['hugepages-', 'requests.hugepages-'];
const REQUESTS_PREFIX = 'requests.';

/** No `/`, or a `kubernetes.io/` name (upstream helper.IsNativeResource). */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** The quota names among `names` that are about pods (upstream podEvaluator.MatchingResources). */
export function podMatchingResources(names: readonly string[]): string[] {
  return names.filter(
    (n) =>
      POD_RESOURCES.has(n) ||
      POD_RESOURCE_PREFIXES.some((p) => n.startsWith(p)) ||
      (!isNativeResource(n) && n.startsWith(REQUESTS_PREFIX)),
  );
}

/** Whether the pod is charged compute quota at `nowMs` (upstream QuotaV1Pod). */
export function quotaV1Pod(pod: Pod, nowMs: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return false;
  const deletion = pod.metadata?.deletionTimestamp;
  const grace = pod.metadata?.deletionGracePeriodSeconds;
  if (deletion && grace !== undefined && grace !== null) {
    const deletedAt = Date.parse(deletion);
    if (Number.isFinite(deletedAt) && nowMs > deletedAt + grace * 1000) return false;
  }
  return true;
}

/** The usage of one container's (or the pod's) requests and limits (upstream podComputeUsageHelper). */
export function computeUsage(requests: Usage, limits: Usage): Usage {
  const result: Usage = new Map([['pods', count(1)]]);
  for (const [name, prefixed] of [
    ['cpu', 'requests.cpu'],
    ['memory', 'requests.memory'],
    ['ephemeral-storage', 'requests.ephemeral-storage'],
  ] as const) {
    const request = requests.get(name);
    if (request !== undefined) {
      result.set(name, request);
      result.set(prefixed, request);
    }
    const limit = limits.get(name);
    if (limit !== undefined) result.set(`limits.${name}`, limit);
  }
  for (const [name, request] of requests) {
    if (name.startsWith('hugepages-')) {
      result.set(name, request);
      result.set(`${REQUESTS_PREFIX}${name}`, request);
    }
    // Extended resources are only quota'd as `requests.<name>` (they cannot be overcommitted).
    if (!isNativeResource(name) && !name.startsWith(REQUESTS_PREFIX)) result.set(`${REQUESTS_PREFIX}${name}`, request);
  }
  return result;
}

/** What one pod uses of quota at `nowMs` (upstream PodUsageFunc). */
export function podUsage(pod: Pod, nowMs: number): Usage {
  const result: Usage = new Map([[POD_COUNT, count(1)]]);
  if (!quotaV1Pod(pod, nowMs)) return result;
  return addUsage(result, computeUsage(podRequests(pod), podLimits(pod)));
}

/** Whether no container asks for or is limited in cpu or memory (upstream qos BestEffort). */
export function isBestEffort(pod: Pod): boolean {
  const qos = pod.status?.qosClass;
  if (qos) return qos === 'BestEffort';
  const lists = [
    pod.spec?.resources?.requests,
    pod.spec?.resources?.limits,
    ...[...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].flatMap((c) => [
      c.resources?.requests,
      c.resources?.limits,
    ]),
  ];
  for (const list of lists) {
    for (const [name, q] of parseResourceList(list as Record<string, string> | undefined)) {
      if ((name === 'cpu' || name === 'memory') && q.sign() > 0) return false;
    }
  }
  return true;
}

/** A pod with an activeDeadlineSeconds ≥ 0 (upstream isTerminating: it will end by itself). */
export function isTerminatingPod(pod: Pod): boolean {
  const deadline = pod.spec?.activeDeadlineSeconds;
  return deadline !== undefined && deadline !== null && deadline >= 0;
}

const crossNamespace = (term: PodAffinityTerm | undefined): boolean =>
  term !== undefined && ((term.namespaces?.length ?? 0) > 0 || (term.namespaceSelector ?? null) !== null);

/** Whether any pod (anti-)affinity term reaches into other namespaces. */
export function usesCrossNamespacePodAffinity(pod: Pod): boolean {
  const affinity = pod.spec?.affinity;
  for (const kind of [affinity?.podAffinity, affinity?.podAntiAffinity]) {
    if (kind?.requiredDuringSchedulingIgnoredDuringExecution?.some(crossNamespace)) return true;
    if (kind?.preferredDuringSchedulingIgnoredDuringExecution?.some((w) => crossNamespace(w.podAffinityTerm))) {
      return true;
    }
  }
  return false;
}

/** Whether the pod falls in the scope `selector` names (upstream podMatchesScopeFunc). */
export function podMatchesScope(selector: ScopedResourceSelectorRequirement, pod: Pod): boolean {
  switch (selector.scopeName) {
    case 'Terminating':
      return isTerminatingPod(pod);
    case 'NotTerminating':
      return !isTerminatingPod(pod);
    case 'BestEffort':
      return isBestEffort(pod);
    case 'NotBestEffort':
      return !isBestEffort(pod);
    case 'PriorityClass':
      return matchesPriorityClass(selector, pod.spec?.priorityClassName ?? '');
    case 'CrossNamespacePodAffinity':
      return usesCrossNamespacePodAffinity(pod);
    default:
      return false;
  }
}

/** The PriorityClass scope as a label selector over `{PriorityClass: <name>}` (absent when the pod has none). */
function matchesPriorityClass(selector: ScopedResourceSelectorRequirement, priorityClass: string): boolean {
  const values = selector.values ?? [];
  switch (selector.operator) {
    case 'Exists':
      return priorityClass !== '';
    case 'DoesNotExist':
      return priorityClass === '';
    case 'In':
      return priorityClass !== '' && values.includes(priorityClass);
    case 'NotIn':
      return priorityClass === '' || !values.includes(priorityClass);
    default:
      return false;
  }
}
