/**
 * Validation of label and annotation maps (apimachinery meta/v1/validation and api/validation objectmeta.go).
 * Errors name the map's path, not the key, as upstream's do: `metadata.labels: Invalid value: "a b": …`.
 */
import { type FieldError, type FieldPath, invalid, tooLong } from '../field-errors.js';
import { byteLength } from './go-format.js';
import { isQualifiedName, isValidLabelValue } from './names.js';

/** The most bytes all annotation keys and values of one object may add up to (256 KiB). */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

type StringMap = Readonly<Record<string, string>> | null | undefined;

/** A label key (a qualified name). */
export function validateLabelName(name: string, path: FieldPath): FieldError[] {
  return isQualifiedName(name).map((msg) => invalid(path, name, msg));
}

/** Every key is a qualified name and every value a valid label value. */
export function validateLabels(labels: StringMap, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...validateLabelName(k, path));
    errs.push(...isValidLabelValue(v).map((msg) => invalid(path, v, msg)));
  }
  return errs;
}

/** Keys are qualified names (case aside); keys and values together stay within 256 KiB. */
export function validateAnnotations(annotations: StringMap, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    errs.push(...isQualifiedName(k.toLowerCase()).map((msg) => invalid(path, k, msg)));
    total += byteLength(k) + byteLength(v);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, '', TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}
