/** Resource lists (name → quantity) and resource names, as quota, limit ranges and nodes check them. */
import { type FieldError, type FieldPath, invalid } from '../../../../machinery/field-errors.js';
import { text } from './json.js';
import { isQualifiedName } from './names.js';
import { isNegative, isWholeNumber, parseQuantity, QUANTITY_FORMAT_ERROR, type Quantity } from './quantity.js';
import {
  isExtendedResourceName,
  isIntegerResourceName,
  isNativeResource,
  isStandardContainerResourceName,
  isStandardQuotaResourceName,
  isStandardResourceName,
} from './resource-names.js';

/** The parsed quantity, or an error at `path`. */
export function quantityAt(value: unknown, path: FieldPath): Quantity | FieldError {
  const q = parseQuantity(text(value));
  return q ?? invalid(path, text(value), QUANTITY_FORMAT_ERROR);
}

export const isFieldError = (v: Quantity | FieldError): v is FieldError => 'type' in v;

/** Not negative, and whole for integer resources (upstream's ValidateResourceQuantityValue). */
export function validateResourceQuantity(resource: string, value: unknown, path: FieldPath): FieldError[] {
  const q = quantityAt(value, path);
  if (isFieldError(q)) return [q];
  const errors: FieldError[] = [];
  if (isNegative(q)) errors.push(invalid(path, text(value), 'must be greater than or equal to 0'));
  if (isIntegerResourceName(resource) && !isWholeNumber(q))
    errors.push(invalid(path, text(value), 'must be an integer'));
  return errors;
}

/** A qualified name, standard when unprefixed (upstream's validateResourceName). */
export function validateResourceName(name: string, path: FieldPath): FieldError[] {
  const errors = isQualifiedName(name).map((m) => invalid(path, name, m));
  if (errors.length > 0) return errors;
  if (!name.includes('/') && !isStandardResourceName(name)) {
    return [invalid(path, name, 'must be a standard resource type or fully qualified')];
  }
  return [];
}

/** A resource a container may request (upstream's validateContainerResourceName). */
export function validateContainerResourceName(name: string, path: FieldPath): FieldError[] {
  const errors = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!isStandardContainerResourceName(name))
      errors.push(invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errors.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errors;
}

/** A resource a quota may track. */
export function validateQuotaResourceName(name: string, path: FieldPath): FieldError[] {
  const errors = validateResourceName(name, path);
  if (!name.includes('/') && !isStandardQuotaResourceName(name)) {
    errors.push(invalid(path, name, 'must be a standard resource for quota'));
  }
  return errors;
}
