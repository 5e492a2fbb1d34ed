/**
 * Which resource names the core API knows (upstream's core helper): standard names for quotas, limit
 * ranges and containers, integer-valued resources, and quota scopes.
 */
import { isQualifiedName } from './names.js';

const HUGE_PAGES_PREFIX = 'hugepages-';
const REQUESTS_HUGE_PAGES_PREFIX = 'requests.hugepages-';
const DEFAULT_NAMESPACE_PREFIX = 'kubernetes.io/';
const REQUESTS_PREFIX = 'requests.';

export const isHugePageResourceName = (name: string): boolean => name.startsWith(HUGE_PAGES_PREFIX);
const isQuotaHugePageResourceName = (name: string): boolean =>
  name.startsWith(HUGE_PAGES_PREFIX) || name.startsWith(REQUESTS_HUGE_PAGES_PREFIX);

/** Unprefixed names and `*kubernetes.io/` names belong to Kubernetes itself. */
export const isNativeResource = (name: string): boolean =>
  !name.includes('/') || name.includes(DEFAULT_NAMESPACE_PREFIX);

export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith(REQUESTS_PREFIX)) return false;
  return isQualifiedName(`${REQUESTS_PREFIX}${name}`).length === 0;
}

/** Native resources other than huge pages may be requested below their limit. */
export const isOvercommitAllowed = (name: string): boolean => isNativeResource(name) && !isHugePageResourceName(name);

const CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
export const isStandardContainerResourceName = (name: string): boolean =>
  CONTAINER_RESOURCES.has(name) || isHugePageResourceName(name);

const LIMIT_RANGE_TYPES = new Set(['Pod', 'Container', 'PersistentVolumeClaim']);
export const isStandardLimitRangeType = (type: string): boolean => LIMIT_RANGE_TYPES.has(type);

const OBJECT_COUNTS = [
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
];

const QUOTA_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.storage',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  ...OBJECT_COUNTS,
]);
export const isStandardQuotaResourceName = (name: string): boolean =>
  QUOTA_RESOURCES.has(name) || isQuotaHugePageResourceName(name);

const STANDARD_RESOURCES = new Set([...QUOTA_RESOURCES, 'storage']);
export const isStandardResourceName = (name: string): boolean =>
  STANDARD_RESOURCES.has(name) || isQuotaHugePageResourceName(name);

const INTEGER_RESOURCES = new Set(OBJECT_COUNTS);
export const isIntegerResourceName = (name: string): boolean =>
  INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);

export const QUOTA_SCOPES = [
  'Terminating',
  'NotTerminating',
  'BestEffort',
  'NotBestEffort',
  'PriorityClass',
  'CrossNamespacePodAffinity',
  'VolumeAttributesClass',
] as const;
export const isStandardResourceQuotaScope = (scope: string): boolean =>
  (QUOTA_SCOPES as readonly string[]).includes(scope);

const POD_COMPUTE = new Set(['cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory']);

/** Whether a quota on `resource` may carry `scope`. */
export function isResourceQuotaScopeValidForResource(scope: string, resource: string): boolean {
  switch (scope) {
    case 'Terminating':
    case 'NotTerminating':
    case 'NotBestEffort':
    case 'PriorityClass':
    case 'CrossNamespacePodAffinity':
      return resource === 'pods' || POD_COMPUTE.has(resource);
    case 'BestEffort':
      return resource === 'pods';
    case 'VolumeAttributesClass':
      return resource === 'persistentvolumeclaims' || resource === 'requests.storage';
    default:
      return true;
  }
}

export const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);
