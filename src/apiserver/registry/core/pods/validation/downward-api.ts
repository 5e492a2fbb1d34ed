/** The downward API: pod fields and container resources exposed through env vars and volume files. */
import {
  type FieldError,
  type FieldPath,
  invalid,
  notSupported,
  required,
} from '../../../../../machinery/field-errors.js';
import { formatQuantity, parseQuantity } from '../quantity.js';
import { fileModeErrors, invalidEach, isObj, localNonReservedPath, type Obj, text } from './common.js';
import { isQualifiedName } from './formats.js';

/** Pod fields a volume file may expose. */
export const VOLUME_FIELD_PATHS = [
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
];
/** Pod fields an environment variable may expose. */
export const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
/** Field labels v1 pods convert (what the downward API can name at all). */
const CONVERTIBLE = new Set([
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.serviceAccountName',
  'spec.schedulerName',
  'status.phase',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]);

/** `metadata.labels['app']` → `['metadata.labels', 'app']`. */
function splitSubscript(fieldPath: string): [string, string] | undefined {
  const m = /^(.*)\['(.*)'\]$/.exec(fieldPath);
  return m ? [m[1] ?? '', m[2] ?? ''] : undefined;
}

export function objectFieldSelectorErrors(fs: Obj, expressions: readonly string[], path: FieldPath): FieldError[] {
  const apiVersion = text(fs.apiVersion);
  const fieldPath = text(fs.fieldPath);
  if (apiVersion === '') return [required(path.child('apiVersion'))];
  if (fieldPath === '') return [required(path.child('fieldPath'))];
  const subscripted = splitSubscript(fieldPath);
  let conversionError: string | undefined;
  if (apiVersion !== 'v1') conversionError = `unsupported pod version: ${apiVersion}`;
  else if (subscripted && subscripted[0] !== 'metadata.annotations' && subscripted[0] !== 'metadata.labels') {
    conversionError = `field label does not support subscript: ${fieldPath}`;
  } else if (!subscripted && !CONVERTIBLE.has(fieldPath)) conversionError = `field label not supported: ${fieldPath}`;
  if (conversionError !== undefined) {
    return [invalid(path.child('fieldPath'), fieldPath, `error converting fieldPath: ${conversionError}`)];
  }
  if (subscripted) {
    const [base, key] = subscripted;
    const name = base === 'metadata.annotations' ? key.toLowerCase() : key;
    return invalidEach(path, name, isQualifiedName(name));
  }
  return expressions.includes(fieldPath)
    ? []
    : [notSupported(path.child('fieldPath'), fieldPath, [...expressions].sort())];
}

const RESOURCE_PATHS = [
  'limits.cpu',
  'limits.ephemeral-storage',
  'limits.memory',
  'requests.cpu',
  'requests.ephemeral-storage',
  'requests.memory',
];
const HUGEPAGES_PREFIXES = ['limits.hugepages-', 'requests.hugepages-'];
const SIZE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];
const SIZE_DIVISOR_TEXT = SIZE_DIVISORS.join(', ');

function divisorErrors(resource: string, divisor: unknown, path: FieldPath): FieldError[] {
  const q = parseQuantity(divisor);
  if (q === undefined || q.nanos === 0n) return [];
  const value = formatQuantity(q);
  const fail = (what: string, allowed: string): FieldError[] => [
    invalid(path.child('divisor'), resource, `only divisor's values ${allowed} are supported with the ${what}`),
  ];
  if (resource === 'limits.cpu' || resource === 'requests.cpu')
    return ['1m', '1'].includes(value) ? [] : fail('cpu resource', '1m and 1');
  if (resource === 'limits.memory' || resource === 'requests.memory') {
    return SIZE_DIVISORS.includes(value) ? [] : fail('memory resource', SIZE_DIVISOR_TEXT);
  }
  if (resource.endsWith('ephemeral-storage')) {
    return SIZE_DIVISORS.includes(value) ? [] : fail('local ephemeral storage resource', SIZE_DIVISOR_TEXT);
  }
  if (HUGEPAGES_PREFIXES.some((p) => resource.startsWith(p)) && !SIZE_DIVISORS.includes(value)) {
    return fail('hugepages resource', SIZE_DIVISOR_TEXT);
  }
  return [];
}

/** A container resource selector; `volume` selectors must name their container. */
export function resourceFieldSelectorErrors(fs: Obj, path: FieldPath, volume: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const resource = text(fs.resource);
  if (volume && text(fs.containerName) === '') errors.push(required(path.child('containerName')));
  else if (resource === '') errors.push(required(path.child('resource')));
  else if (!RESOURCE_PATHS.includes(resource) && !HUGEPAGES_PREFIXES.some((p) => resource.startsWith(p))) {
    errors.push(notSupported(path.child('resource'), resource, RESOURCE_PATHS));
  }
  return [...errors, ...divisorErrors(resource, fs.divisor, path)];
}

/** One file of a downwardAPI volume or projection (errors at the source's path, as upstream reports them). */
export function downwardAPIFileErrors(file: Obj, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const filePath = text(file.path);
  if (filePath === '') errors.push(required(path.child('path')));
  errors.push(...localNonReservedPath(filePath, path.child('path')));
  if (isObj(file.fieldRef)) {
    errors.push(...objectFieldSelectorErrors(file.fieldRef, VOLUME_FIELD_PATHS, path.child('fieldRef')));
    if (isObj(file.resourceFieldRef)) {
      errors.push(invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
    }
  } else if (isObj(file.resourceFieldRef)) {
    errors.push(...resourceFieldSelectorErrors(file.resourceFieldRef, path.child('resourceFieldRef'), true));
  } else {
    errors.push(required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  return [...errors, ...fileModeErrors(file.mode, path.child('mode'))];
}
