/** Small checks many pod fields share: labels and selectors, paths, ports, and reading untyped JSON. */
import {
  type FieldError,
  type FieldPath,
  forbidden,
  invalid,
  notSupported,
  required,
} from '../../../../../machinery/field-errors.js';
import { isLabelValue, isQualifiedName, isValidPortName, isValidPortNum } from './formats.js';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
/** The objects of a list field (other values are skipped: the schema already rejected them). */
export const objects = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
export const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
export const text = (v: unknown): string => (typeof v === 'string' ? v : '');
export const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
export const stringMap = (v: unknown): Record<string, string> => (isObj(v) ? (v as Record<string, string>) : {});
/** Whether a value is set in Go's sense: present and not the zero value (empty string, list, map, false, 0). */
export function isSet(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false || v === 0) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObj(v)) return Object.values(v).some(isSet);
  return true;
}

export const NEGATIVE_MESSAGE = 'must be greater than or equal to 0';

export function nonNegative(value: unknown, path: FieldPath): FieldError[] {
  const n = num(value);
  return n !== undefined && n < 0 ? [invalid(path, n, NEGATIVE_MESSAGE)] : [];
}

/** Messages of `check` as Invalid errors at `path`. */
export const invalidEach = (path: FieldPath, value: unknown, messages: string[]): FieldError[] =>
  messages.map((m) => invalid(path, value, m));

export const labelNameErrors = (name: string, path: FieldPath): FieldError[] =>
  invalidEach(path, name, isQualifiedName(name));

/** metav1 label validation: keys must be qualified names, values label values (errors at the map's path). */
export function labelsErrors(labels: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  for (const [k, v] of Object.entries(stringMap(labels))) {
    errors.push(...labelNameErrors(k, path), ...invalidEach(path, v, isLabelValue(String(v))));
  }
  return errors;
}

/** metav1.LabelSelector validation. */
export function labelSelectorErrors(selector: unknown, path: FieldPath): FieldError[] {
  if (!isObj(selector)) return [];
  const errors: FieldError[] = [];
  objects(selector.matchExpressions).forEach((req, i) => {
    const at = path.child('matchExpressions').index(i);
    const values = strings(req.values);
    switch (req.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0)
          errors.push(required(at.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) {
          errors.push(
            forbidden(at.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
          );
        }
        break;
      default:
        errors.push(invalid(at.child('operator'), req.operator, 'not a valid selector operator'));
    }
    errors.push(...labelNameErrors(text(req.key), at.child('key')));
    for (const v of values) errors.push(...invalidEach(at.child('values'), v, isLabelValue(v)));
  });
  errors.push(...labelsErrors(selector.matchLabels, path.child('matchLabels')));
  return errors;
}

/** Whether every pair of `selector` is in `labels` (a map selector, as ReplicationController uses). */
export const selectorMatches = (selector: Record<string, string>, labels: Record<string, string>): boolean =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

export function pathNoBacksteps(target: string, path: FieldPath): FieldError[] {
  return target.replaceAll('\\', '/').split('/').includes('..') ? [invalid(path, target, "must not contain '..'")] : [];
}

/** A relative path without `..` elements. */
export function localDescendingPath(target: string, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (target.startsWith('/')) errors.push(invalid(path, target, 'must be a relative path'));
  return [...errors, ...pathNoBacksteps(target, path)];
}

/** A relative path without `..` elements that does not start with `..`. */
export function localNonReservedPath(target: string, path: FieldPath): FieldError[] {
  const errors = localDescendingPath(target, path);
  if (target.startsWith('..') && !target.startsWith('../'))
    errors.push(invalid(path, target, "must not start with '..'"));
  return errors;
}

/** A port given as a number (1–65535) or an IANA service name. */
export function portNumOrName(port: unknown, path: FieldPath): FieldError[] {
  if (typeof port === 'number') return invalidEach(path, port, isValidPortNum(port));
  if (typeof port === 'string') return invalidEach(path, port, isValidPortName(port));
  return [required(path)];
}

/** `Unsupported value` unless `value` is one of `supported`; `Required` when it is empty and `requireSet`. */
export function enumErrors(
  value: unknown,
  supported: readonly string[],
  path: FieldPath,
  requireSet = true,
): FieldError[] {
  if (value === undefined || value === '') return requireSet ? [required(path)] : [];
  return supported.includes(String(value)) ? [] : [notSupported(path, value, supported)];
}

export const FILE_MODE_MESSAGE = 'must be a number between 0 and 0777 (octal), both inclusive';

export function fileModeErrors(mode: unknown, path: FieldPath): FieldError[] {
  const n = num(mode);
  return n !== undefined && (n < 0 || n > 0o777) ? [invalid(path, n, FILE_MODE_MESSAGE)] : [];
}
