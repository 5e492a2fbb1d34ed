/** Label maps and selectors (apimachinery's meta/v1 validation). */
import { type FieldError, type FieldPath, invalid } from '../../../../machinery/field-errors.js';
import { isLabelValue, isQualifiedName } from './names.js';

/** Each key must be a qualified name and each value a label value; errors name the map's path. */
export function validateLabels(labels: Record<string, string>, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels)) {
    for (const message of isQualifiedName(key)) errors.push(invalid(path, key, message));
    for (const message of isLabelValue(value)) errors.push(invalid(path, value, message));
  }
  return errors;
}
