/**
 * Server-side apply and field management, as pure functions: `apply` merges an applied configuration
 * into an object and works out who owns which fields (409 on conflicts); `trackUpdate` records the
 * ownership of create/update/patch writes; field sets and their FieldsV1 encoding underneath.
 */
export { apply, type ApplyOptions, type ApplyResult, BEFORE_FIRST_APPLY } from './apply.js';
export { trackUpdate, type TrackUpdateOptions } from './track-update.js';
export { applyConflictError } from './conflict-error.js';
export {
  decodeManagedFields,
  encodeManagedFields,
  formatTime,
  type ManagedFieldsEntry,
  MAX_UPDATE_MANAGERS,
} from './managed-fields.js';
export { FieldSet, FieldSetBuilder, type FieldSetChild } from './field-set.js';
export { decodeFieldsV1, encodeFieldsV1 } from './fields-v1.js';
export { FieldsV1Memo } from './fields-v1-memo.js';
export { toFieldSet } from './to-field-set.js';
export { compareObjects, type Comparison } from './compare.js';
export {
  elementToString,
  type FieldPath,
  fieldElement,
  fieldPath,
  indexElement,
  keyElement,
  type KeyField,
  type PathElement,
  pathToString,
  valueElement,
} from './path-element.js';
export { LAST_APPLIED_ANNOTATION } from './last-applied.js';
export { setManagedFields } from './object-parts.js';
