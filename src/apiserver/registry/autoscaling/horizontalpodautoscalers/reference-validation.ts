/** The scale target of an HPA (upstream's ValidateCrossVersionObjectReference). */
import { type FieldError, type FieldPath, invalid, required } from '../../../../machinery/field-errors.js';
import { isValidPathSegmentName } from '../../../../machinery/validation/names.js';
import { obj, text } from '../../apps/validation/json.js';

/** Kind and name are required and must be valid path segments. */
export function crossVersionObjectReferenceErrors(refValue: unknown, path: FieldPath): FieldError[] {
  const ref = obj(refValue);
  const errs: FieldError[] = [];
  for (const key of ['kind', 'name'] as const) {
    const value = text(ref[key]);
    if (value === '') errs.push(required(path.child(key)));
    else errs.push(...isValidPathSegmentName(value).map((m) => invalid(path.child(key), value, m)));
  }
  return errs;
}
