/**
 * One requirement of a label selector (apimachinery labels.Requirement): a key, an operator and values,
 * built only through `newRequirement`, which applies upstream's checks and wording.
 */
import { errorString, type FieldError, FieldPath, invalid, notSupported } from '../field-errors.js';
import { compareGoStrings } from '../validation/go-format.js';
import { isQualifiedName, isValidLabelValue } from '../validation/names.js';

/** The operators of selection.Operator, with upstream's spellings. */
export const Operator = {
  In: 'in',
  NotIn: 'notin',
  Equals: '=',
  DoubleEquals: '==',
  NotEquals: '!=',
  Exists: 'exists',
  DoesNotExist: '!',
  GreaterThan: 'gt',
  LessThan: 'lt',
} as const;
export type Operator = (typeof Operator)[keyof typeof Operator];

const VALID_OPERATORS: readonly string[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt', 'exists', '!'];

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  /** As given (the parser hands them over sorted and without duplicates). */
  readonly values: readonly string[];
}

/** A built requirement, or the reasons it cannot be built. */
export type RequirementResult = { readonly requirement: Requirement } | { readonly errors: readonly FieldError[] };

/** Go's strconv.ParseInt(s, 10, 64) succeeding. */
export function isInt64(s: string): boolean {
  if (!/^[+-]?[0-9]+$/.test(s)) return false;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n;
}

/** A label key check worded as upstream's parser words it: one Invalid error joining all messages. */
export function labelKeyError(key: string, path: FieldPath | string): FieldError | undefined {
  const msgs = isQualifiedName(key);
  return msgs.length === 0 ? undefined : invalid(path, key, msgs.join('; '));
}

/**
 * Upstream's NewRequirement. `path` prefixes error fields; without it they read `key`, `values[0][k]`, as the
 * server reports them for a selector given as text.
 */
export function newRequirement(
  key: string,
  operator: string,
  values: readonly string[],
  path?: FieldPath,
): RequirementResult {
  const base = path ?? FieldPath.root('');
  const errs: FieldError[] = [];
  const keyErr = labelKeyError(key, base.child('key'));
  if (keyErr) errs.push(keyErr);
  const valuePath = base.child('values');
  switch (operator) {
    case Operator.In:
    case Operator.NotIn:
      if (values.length === 0)
        errs.push(invalid(valuePath, values, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case Operator.Equals:
    case Operator.DoubleEquals:
    case Operator.NotEquals:
      if (values.length !== 1)
        errs.push(invalid(valuePath, values, 'exact-match compatibility requires one single value'));
      break;
    case Operator.Exists:
    case Operator.DoesNotExist:
      if (values.length !== 0)
        errs.push(invalid(valuePath, values, 'values set must be empty for exists and does not exist'));
      break;
    case Operator.GreaterThan:
    case Operator.LessThan:
      if (values.length !== 1)
        errs.push(invalid(valuePath, values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (!isInt64(v))
          errs.push(invalid(valuePath.index(i), v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default:
      errs.push(notSupported(base.child('operator'), operator, VALID_OPERATORS));
  }
  values.forEach((v, i) => {
    const msgs = isValidLabelValue(v);
    if (msgs.length > 0) errs.push(invalid(valuePath.index(i).key(key), v, msgs.join('; ')));
  });
  if (errs.length > 0) return { errors: errs };
  return { requirement: { key, operator: operator as Operator, values: [...values] } };
}

/** Go's aggregate error text: one message alone, several (duplicates dropped) in brackets. */
export function aggregateMessage(errors: readonly FieldError[]): string {
  const msgs = [...new Set(errors.map(errorString))];
  return msgs.length === 1 ? (msgs[0] ?? '') : `[${msgs.join(', ')}]`;
}

/** Whether `labels` (absent = none) satisfy the requirement, with upstream's semantics per operator. */
export function matchesRequirement(r: Requirement, labels: Readonly<Record<string, string>> | undefined): boolean {
  const has = labels !== undefined && Object.hasOwn(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case Operator.In:
    case Operator.Equals:
    case Operator.DoubleEquals:
      return value !== undefined && r.values.includes(value);
    case Operator.NotIn:
    case Operator.NotEquals:
      return value === undefined || !r.values.includes(value);
    case Operator.Exists:
      return has;
    case Operator.DoesNotExist:
      return !has;
    case Operator.GreaterThan:
    case Operator.LessThan: {
      const wanted = r.values[0];
      if (value === undefined || r.values.length !== 1 || wanted === undefined) return false;
      if (!isInt64(value) || !isInt64(wanted)) return false;
      return r.operator === Operator.GreaterThan ? BigInt(value) > BigInt(wanted) : BigInt(value) < BigInt(wanted);
    }
  }
}

/** The canonical text of a requirement: `k=v`, `k in (a,b)`, `!k`, `k>3`; several values sorted. */
export function requirementString(r: Requirement): string {
  const values = r.values.length === 1 ? (r.values[0] ?? '') : [...r.values].sort(compareGoStrings).join(',');
  switch (r.operator) {
    case Operator.Exists:
      return r.key;
    case Operator.DoesNotExist:
      return `!${r.key}`;
    case Operator.In:
      return `${r.key} in (${values})`;
    case Operator.NotIn:
      return `${r.key} notin (${values})`;
    case Operator.GreaterThan:
      return `${r.key}>${values}`;
    case Operator.LessThan:
      return `${r.key}<${values}`;
    default:
      return `${r.key}${r.operator}${values}`;
  }
}
