/** Compute resource requirements: names, quantities, requests ≤ limits, and claim references. */
import {
  duplicate,
  type FieldError,
  type FieldPath,
  forbidden,
  invalid,
  notFound,
  notSupported,
  required,
} from '../../../../../machinery/field-errors.js';
import {
  compareQuantities,
  formatQuantity,
  parseQuantity,
  QUANTITY_SYNTAX_MESSAGE,
  type Quantity,
} from '../quantity.js';
import { invalidEach, isObj, type Obj, objects, text } from './common.js';
import { isDNS1123Label, isQualifiedName } from './formats.js';

const STANDARD_RESOURCES = new Set([
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
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'storage',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
]);
const CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const INTEGER_RESOURCES = new Set([
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);

export const isHugePages = (name: string): boolean => name.startsWith('hugepages-');
const isNative = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');
const isExtended = (name: string): boolean =>
  !isNative(name) && !name.startsWith('requests.') && isQualifiedName(`requests.${name}`).length === 0;
/** Requests may be below limits (cpu, memory, storage); extended resources and hugepages must match. */
export const isOvercommitAllowed = (name: string): boolean => isNative(name) && !isHugePages(name);

function resourceNameErrors(name: string, path: FieldPath): FieldError[] {
  const errors = invalidEach(path, name, isQualifiedName(name));
  if (errors.length > 0) return errors;
  const standard = STANDARD_RESOURCES.has(name) || isHugePages(name) || name.startsWith('requests.hugepages-');
  if (!name.includes('/') && !standard)
    errors.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
  return errors;
}

/** Names a container may ask for: cpu, memory, ephemeral-storage, hugepages-*, or extended resources. */
export function containerResourceNameErrors(name: string, path: FieldPath): FieldError[] {
  const errors = resourceNameErrors(name, path);
  if (!name.includes('/')) {
    if (!CONTAINER_RESOURCES.has(name) && !isHugePages(name))
      errors.push(invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNative(name) && !isExtended(name)) {
    errors.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errors;
}

/** Pod-level resources support cpu, memory and hugepages only. */
export function podResourceNameErrors(name: string, path: FieldPath): FieldError[] {
  const errors = resourceNameErrors(name, path);
  if (errors.length === 0 && name !== 'cpu' && name !== 'memory' && !isHugePages(name)) {
    errors.push(notSupported(path, name, ['cpu', 'memory']));
  }
  return errors;
}

/** A quantity value: parseable, not negative, whole for integer resources. */
function quantityErrors(name: string, value: unknown, path: FieldPath): { q?: Quantity; errors: FieldError[] } {
  const q = parseQuantity(value);
  if (q === undefined) return { errors: [invalid(path, value, QUANTITY_SYNTAX_MESSAGE)] };
  const errors: FieldError[] = [];
  if (q.nanos < 0n) errors.push(invalid(path, formatQuantity(q), 'must be greater than or equal to 0'));
  if ((INTEGER_RESOURCES.has(name) || isExtended(name)) && q.nanos % 1_000_000_000n !== 0n) {
    errors.push(invalid(path, formatQuantity(q), 'must be an integer'));
  }
  return { q, errors };
}

type NameCheck = (name: string, path: FieldPath) => FieldError[];

/**
 * ResourceRequirements at `path`: each name and quantity, requests at most the limits (exactly the limits
 * for resources that cannot be overcommitted), hugepages only with cpu or memory, claims that exist.
 */
export function resourceRequirementsErrors(
  requirements: unknown,
  path: FieldPath,
  claimNames: ReadonlySet<string>,
  nameCheck: NameCheck,
): FieldError[] {
  if (!isObj(requirements)) return [];
  const errors: FieldError[] = [];
  const limPath = path.child('limits');
  const reqPath = path.child('requests');
  const limits = isObj(requirements.limits) ? requirements.limits : {};
  const requests = isObj(requirements.requests) ? requirements.requests : {};
  const parsedLimits = new Map<string, Quantity>();
  let cpuOrMemory = false;
  let hugePages = false;
  for (const [name, value] of Object.entries(limits)) {
    const at = limPath.key(name);
    errors.push(...nameCheck(name, at));
    const { q, errors: qErrors } = quantityErrors(name, value, at);
    errors.push(...qErrors);
    if (q) parsedLimits.set(name, q);
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const [name, value] of Object.entries(requests)) {
    const at = reqPath.key(name);
    errors.push(...nameCheck(name, at));
    const { q, errors: qErrors } = quantityErrors(name, value, at);
    errors.push(...qErrors);
    const limit = parsedLimits.get(name);
    if (q && limit) {
      const shown = formatQuantity(q);
      if (compareQuantities(q, limit) !== 0 && !isOvercommitAllowed(name)) {
        errors.push(invalid(reqPath, shown, `must be equal to ${name} limit of ${formatQuantity(limit)}`));
      } else if (compareQuantities(q, limit) > 0) {
        errors.push(invalid(reqPath, shown, `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`));
      }
    } else if (!(name in limits) && !isOvercommitAllowed(name)) {
      errors.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (hugePages && !cpuOrMemory) errors.push(forbidden(path, 'HugePages require cpu or memory'));
  return [...errors, ...claimReferenceErrors(objects(requirements.claims), path.child('claims'), claimNames)];
}

function claimReferenceErrors(claims: Obj[], path: FieldPath, podClaimNames: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  claims.forEach((claim, i) => {
    const at = path.index(i);
    const name = text(claim.name);
    if (name === '') {
      errors.push(required(at));
      return;
    }
    const request = text(claim.request);
    if (seen.has(name)) errors.push(duplicate(at, name));
    else {
      let key = name;
      if (request !== '') {
        errors.push(...invalidEach(at.child('request'), request, isDNS1123Label(request)));
        key = `${name}/${request}`;
      }
      if (seen.has(key)) errors.push(duplicate(at, key));
      else if (request === '' && [...seen].some((k) => k.startsWith(`${name}/`))) errors.push(duplicate(at, name));
      seen.add(key);
    }
    if (!podClaimNames.has(name)) {
      const known = [...podClaimNames].sort();
      const detail = `must be one of the names in pod.spec.resourceClaims${known.length === 0 ? ' which is empty' : `: ${known.join(', ')}`}`;
      errors.push({ ...notFound(at, name), detail });
    }
  });
  return errors;
}
