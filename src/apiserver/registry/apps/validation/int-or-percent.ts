/** IntOrString fields that are a count or a percentage (maxSurge, maxUnavailable, minAvailable). */
import { type FieldError, type FieldPath, invalid } from '../../../../machinery/field-errors.js';
import { regexError } from '../../../../machinery/validation/messages.js';

const PERCENT_FMT = '[0-9]+%';
const PERCENT_RE = /^[0-9]+%$/;
const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%'";

const isPercent = (v: unknown): v is string => typeof v === 'string' && PERCENT_RE.test(v);

/** Upstream's ValidatePositiveIntOrPercent: a non-negative integer or a percent string. */
export function validatePositiveIntOrPercent(value: unknown, path: FieldPath): FieldError[] {
  if (typeof value === 'string') {
    return isPercent(value) ? [] : [invalid(path, value, regexError(PERCENT_MSG, PERCENT_FMT, '1%', '93%'))];
  }
  if (typeof value === 'number') return value < 0 ? [invalid(path, value, 'must be greater than or equal to 0')] : [];
  return [invalid(path, value, "must be an integer or percentage (e.g '5%')")];
}

/** Upstream's IsNotMoreThan100Percent: a percent string at most 100%. */
export function validateNotMoreThan100Percent(value: unknown, path: FieldPath): FieldError[] {
  return isPercent(value) && Number(value.slice(0, -1)) > 100
    ? [invalid(path, value, 'must not be greater than 100%')]
    : [];
}

/** The number in a count or percentage (0 when absent or not a number, as upstream's getIntOrPercentValue). */
export function intOrPercentValue(value: unknown): number {
  if (isPercent(value)) return Number(value.slice(0, -1));
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return 0;
}
