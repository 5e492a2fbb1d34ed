/**
 * What a pod requests and is limited to, as exact quantities (upstream component-helpers resource PodRequests /
 * PodLimits): regular containers plus sidecars (restartable init containers), at least the peak of any
 * ordinary init container with the sidecars started before it; pod-level resources (cpu, memory, hugepages)
 * replace the containers' sum; the pod overhead is added to requests, and to the limits that are set.
 * Resources the kubelet reports in the status (in-place resize) are not considered.
 */
import type { Container } from '../../api/core/v1/container.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { addUsage, maxInto, parseResourceList, type Usage } from './resource-list.js';

type ResourceListOf = (c: Container) => Readonly<Record<string, string>> | undefined;

const HUGEPAGES_PREFIX = 'hugepages-';

/** cpu, memory and hugepages-* can be set for the whole pod (upstream IsSupportedPodLevelResource). */
export function isSupportedPodLevelResource(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name.startsWith(HUGEPAGES_PREFIX);
}

function aggregateContainers(pod: Pod, listOf: ResourceListOf): Usage {
  let result: Usage = new Map();
  for (const c of pod.spec?.containers ?? []) result = addUsage(result, parseResourceList(listOf(c)));
  let sidecars: Usage = new Map();
  const initPeak: Usage = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    const own = parseResourceList(listOf(c));
    if (c.restartPolicy === 'Always') {
      result = addUsage(result, own);
      sidecars = addUsage(sidecars, own);
      maxInto(initPeak, sidecars);
    } else {
      maxInto(initPeak, addUsage(own, sidecars));
    }
  }
  maxInto(result, initPeak);
  return result;
}

function applyPodLevel(result: Usage, podLevel: Readonly<Record<string, string>> | undefined): void {
  const parsed = parseResourceList(podLevel);
  if (![...parsed.keys()].some(isSupportedPodLevelResource)) return;
  for (const [name, q] of parsed) if (isSupportedPodLevelResource(name)) result.set(name, q);
}

/** The pod's effective requests, overhead included. */
export function podRequests(pod: Pod): Usage {
  const requests = aggregateContainers(pod, (c) => c.resources?.requests as Record<string, string> | undefined);
  applyPodLevel(requests, pod.spec?.resources?.requests as Record<string, string> | undefined);
  return addUsage(requests, parseResourceList(pod.spec?.overhead as Record<string, string> | undefined));
}

/** The pod's effective limits; the overhead is added to each limit that is set and not zero. */
export function podLimits(pod: Pod): Usage {
  const limits = aggregateContainers(pod, (c) => c.resources?.limits as Record<string, string> | undefined);
  applyPodLevel(limits, pod.spec?.resources?.limits as Record<string, string> | undefined);
  for (const [name, q] of parseResourceList(pod.spec?.overhead as Record<string, string> | undefined)) {
    const limit = limits.get(name);
    if (limit !== undefined && !limit.isZero()) limits.set(name, limit.add(q));
  }
  return limits;
}
