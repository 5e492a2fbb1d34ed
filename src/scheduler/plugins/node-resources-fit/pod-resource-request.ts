/**
 * What NodeResourcesFit's Filter compares against each node, computed once per pod in PreFilter: the pod's
 * requests (containers, init containers and sidecars, plus overhead), with the scalar resources flattened into
 * arrays — only those with a non-zero request that the plugin does not ignore — and their reasons pre-formatted,
 * so that Filter neither iterates a Map nor formats a string per node.
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import { podRequests, type Resource } from '../../framework/resource.js';
import { isExtendedResourceName, isScalarResourceName } from './resource-names.js';

export interface PodResourceRequest {
  readonly milliCPU: number;
  readonly memory: number;
  readonly ephemeralStorage: number;
  /** Scalar resources to check, in the order the pod lists them. */
  readonly scalarNames: readonly string[];
  readonly scalarAmounts: readonly number[];
  /** `Insufficient <name>` for each scalar resource. */
  readonly scalarReasons: readonly string[];
}

/** Extended resources the Filter does not check, by full name or by the part before the `/`. */
export interface IgnoredResources {
  readonly names: ReadonlySet<string>;
  readonly groups: ReadonlySet<string>;
}

export const NO_IGNORED_RESOURCES: IgnoredResources = { names: new Set(), groups: new Set() };

/** The request of `pod` as Filter checks it. */
export function computePodResourceRequest(
  pod: Pod,
  ignored: IgnoredResources = NO_IGNORED_RESOURCES,
): PodResourceRequest {
  return fromResource(podRequests(pod), ignored);
}

/** The request of an already summed Resource (e.g. a PodInfo's `requests`). */
export function fromResource(requests: Resource, ignored: IgnoredResources = NO_IGNORED_RESOURCES): PodResourceRequest {
  const scalarNames: string[] = [];
  const scalarAmounts: number[] = [];
  const scalarReasons: string[] = [];
  for (const [name, amount] of requests.scalar) {
    if (amount === 0 || !isScalarResourceName(name) || isIgnored(name, ignored)) continue;
    scalarNames.push(name);
    scalarAmounts.push(amount);
    scalarReasons.push(`Insufficient ${name}`);
  }
  return {
    milliCPU: requests.milliCPU,
    memory: requests.memory,
    ephemeralStorage: requests.ephemeralStorage,
    scalarNames,
    scalarAmounts,
    scalarReasons,
  };
}

function isIgnored(name: string, ignored: IgnoredResources): boolean {
  if (!isExtendedResourceName(name)) return false;
  if (ignored.names.has(name)) return true;
  return ignored.groups.size > 0 && ignored.groups.has(name.slice(0, name.indexOf('/')));
}
