/** LimitRanges: known limit types, resource names per type, and min ≤ default request ≤ default ≤ max. */
import {
  duplicate,
  type FieldError,
  FieldPath,
  forbidden,
  invalid,
  required,
} from '../../../../machinery/field-errors.js';
import type { Strategy } from '../../strategy.js';
import { list, type Obj, obj, text } from '../validation/json.js';
import { isQualifiedName } from '../validation/names.js';
import { compareQuantities, ONE, type Quantity, toNumber } from '../validation/quantity.js';
import { isOvercommitAllowed, isStandardLimitRangeType } from '../validation/resource-names.js';
import {
  isFieldError,
  quantityAt,
  validateContainerResourceName,
  validateResourceName,
} from '../validation/resources.js';

const BOUNDS = ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const;
type Bound = (typeof BOUNDS)[number];

function validateType(type: string, path: FieldPath): FieldError[] {
  const errors = isQualifiedName(type).map((m) => invalid(path, type, m));
  if (errors.length === 0 && !type.includes('/') && !isStandardLimitRangeType(type)) {
    errors.push(invalid(path, type, 'must be a standard limit type or fully qualified'));
  }
  return errors;
}

const resourceNameRule = (type: string) =>
  type === 'Pod' || type === 'Container' ? validateContainerResourceName : validateResourceName;

interface Found {
  readonly text: string;
  readonly q: Quantity;
}

/** Compares each resource's bounds within one limit item. */
function validateBounds(values: Record<Bound, Map<string, Found>>, keys: Set<string>, at: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const cmp = (a: Found, b: Found): number => compareQuantities(a.q, b.q);
  for (const k of keys) {
    const min = values.min.get(k);
    const max = values.max.get(k);
    const def = values.default.get(k);
    const req = values.defaultRequest.get(k);
    const ratio = values.maxLimitRequestRatio.get(k);
    if (min && max && cmp(min, max) > 0) {
      errors.push(
        invalid(at.child('min').key(k), min.text, `min value ${min.text} is greater than max value ${max.text}`),
      );
    }
    if (req && min && cmp(min, req) > 0) {
      errors.push(
        invalid(
          at.child('defaultRequest').key(k),
          req.text,
          `min value ${min.text} is greater than default request value ${req.text}`,
        ),
      );
    }
    if (req && max && cmp(req, max) > 0) {
      errors.push(
        invalid(
          at.child('defaultRequest').key(k),
          req.text,
          `default request value ${req.text} is greater than max value ${max.text}`,
        ),
      );
    }
    if (req && def && cmp(req, def) > 0) {
      errors.push(
        invalid(
          at.child('defaultRequest').key(k),
          req.text,
          `default request value ${req.text} is greater than default limit value ${def.text}`,
        ),
      );
    }
    if (def && min && cmp(min, def) > 0) {
      errors.push(
        invalid(
          at.child('default').key(k),
          min.text,
          `min value ${min.text} is greater than default value ${def.text}`,
        ),
      );
    }
    if (def && max && cmp(def, max) > 0) {
      errors.push(
        invalid(
          at.child('default').key(k),
          max.text,
          `default value ${def.text} is greater than max value ${max.text}`,
        ),
      );
    }
    if (ratio && compareQuantities(ratio.q, ONE) < 0) {
      errors.push(invalid(at.child('maxLimitRequestRatio').key(k), ratio.text, `ratio ${ratio.text} is less than 1`));
    }
    if (ratio && min && max) {
      const limit = toNumber(max.q) / toNumber(min.q);
      if (toNumber(ratio.q) > limit) {
        errors.push(
          invalid(
            at.child('maxLimitRequestRatio').key(k),
            ratio.text,
            `ratio ${ratio.text} is greater than max/min = ${limit.toFixed(6)}`,
          ),
        );
      }
    }
    if (!isOvercommitAllowed(k) && def && req && cmp(def, req) !== 0) {
      errors.push(
        invalid(
          at.child('defaultRequest').key(k),
          req.text,
          `default value ${def.text} must equal to defaultRequest value ${req.text} in ${k}`,
        ),
      );
    }
  }
  return errors;
}

function validateItem(item: Obj, at: FieldPath): FieldError[] {
  const type = text(item.type);
  const errors = validateType(type, at.child('type'));
  const checkName = resourceNameRule(type);
  const values = Object.fromEntries(BOUNDS.map((b) => [b, new Map<string, Found>()])) as Record<
    Bound,
    Map<string, Found>
  >;
  const keys = new Set<string>();
  for (const bound of BOUNDS) {
    const entries = Object.entries(obj(item[bound]));
    if (type === 'Pod' && (bound === 'default' || bound === 'defaultRequest')) {
      if (entries.length > 0) errors.push(forbidden(at.child(bound), "may not be specified when `type` is 'Pod'"));
      continue;
    }
    for (const [k, value] of entries) {
      const path = at.child(bound).key(k);
      errors.push(...checkName(k, path));
      keys.add(k);
      const q = quantityAt(value, path);
      if (isFieldError(q)) errors.push(q);
      else values[bound].set(k, { text: text(value), q });
    }
  }
  if (type === 'PersistentVolumeClaim' && !('storage' in obj(item.min)) && !('storage' in obj(item.max))) {
    errors.push(
      required(at.child('limits'), 'either minimum or maximum storage value is required, but neither was provided'),
    );
  }
  return [...errors, ...validateBounds(values, keys, at)];
}

/** Upstream's ValidateLimitRange, metadata aside. */
export function validateLimitRange(lr: Obj): FieldError[] {
  const errors: FieldError[] = [];
  const types = new Set<string>();
  list(obj(lr.spec).limits).forEach((item, i) => {
    const at = FieldPath.root('spec').child('limits').index(i);
    const type = text(obj(item).type);
    errors.push(...validateItem(obj(item), at));
    if (types.has(type)) errors.push(duplicate(at.child('type'), type));
    types.add(type);
  });
  return errors;
}

export const limitrangesStrategy: Strategy = {
  validate: (lr) => validateLimitRange(lr),
  validateUpdate: (lr) => validateLimitRange(lr),
};
