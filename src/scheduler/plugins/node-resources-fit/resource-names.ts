/**
 * Classes of resource names, as upstream's v1 helpers define them. The scheduler checks only "scalar" resources
 * besides cpu, memory, ephemeral-storage and pods: extended resources (`example.com/gpu`), hugepages, and
 * names in the `kubernetes.io/` namespace; `ignoredResources` and `ignoredResourceGroups` apply to extended
 * resources alone. These run once per pod or per configuration, never per node.
 */
import { CPU, EPHEMERAL_STORAGE, MEMORY } from '../../framework/resource.js';
import { isQualifiedName } from '../../../machinery/validation/index.js';

const DEFAULT_NAMESPACE_PREFIX = 'kubernetes.io/';
const REQUESTS_PREFIX = 'requests.';
const HUGEPAGES_PREFIX = 'hugepages-';
const ATTACHABLE_VOLUMES_PREFIX = 'attachable-volumes-';

/** A name in the `kubernetes.io/` namespace, spelled out (`kubernetes.io/x`, `sub.kubernetes.io/x`). */
export function isPrefixedNativeResource(name: string): boolean {
  return name.includes(DEFAULT_NAMESPACE_PREFIX);
}

/** A native resource: unprefixed, or in the `kubernetes.io/` namespace. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || isPrefixedNativeResource(name);
}

/** A vendor resource advertised by a device plugin: prefixed outside `kubernetes.io/`, usable as a quota key. */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith(REQUESTS_PREFIX)) return false;
  return isQualifiedName(REQUESTS_PREFIX + name).length === 0;
}

export function isHugePageResourceName(name: string): boolean {
  return name.startsWith(HUGEPAGES_PREFIX);
}

export function isAttachableVolumeResourceName(name: string): boolean {
  return name.startsWith(ATTACHABLE_VOLUMES_PREFIX);
}

/** A resource the scheduler counts by name: extended, hugepages, `kubernetes.io/`-prefixed or attachable volumes. */
export function isScalarResourceName(name: string): boolean {
  return (
    isExtendedResourceName(name) ||
    isHugePageResourceName(name) ||
    isPrefixedNativeResource(name) ||
    isAttachableVolumeResourceName(name)
  );
}

/** How a resource name is read from a Resource; decided once so that per-node code only switches on a number. */
export const ResourceKind = {
  Cpu: 0,
  Memory: 1,
  EphemeralStorage: 2,
  Scalar: 3,
  /** Anything else (e.g. `pods`, `storage`): never counted for scoring. */
  Other: 4,
} as const;
export type ResourceKind = (typeof ResourceKind)[keyof typeof ResourceKind];

export function resourceKind(name: string): ResourceKind {
  if (name === CPU) return ResourceKind.Cpu;
  if (name === MEMORY) return ResourceKind.Memory;
  if (name === EPHEMERAL_STORAGE) return ResourceKind.EphemeralStorage;
  return isScalarResourceName(name) ? ResourceKind.Scalar : ResourceKind.Other;
}
