/** Name and metadata validation with upstream's messages: the deliberate public surface. */
export { byteLength, compareGoStrings, goQuote, goStringSlice } from './go-format.js';
export {
  TOTAL_ANNOTATION_SIZE_LIMIT,
  validateAnnotations,
  validateLabelName,
  validateLabels,
} from './labels-annotations.js';
export { FIELD_MANAGER_MAX_LENGTH, validateFieldManager, validateManagedFields } from './managed-fields.js';
export { emptyError, inclusiveRangeError, maxLenError, regexError } from './messages.js';
export {
  type NameValidator,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  nameIsPathSegment,
  validateNamespaceName,
} from './name-functions.js';
export {
  DNS1035_LABEL_MAX_LENGTH,
  DNS1123_LABEL_MAX_LENGTH,
  DNS1123_SUBDOMAIN_MAX_LENGTH,
  LABEL_VALUE_MAX_LENGTH,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPathSegmentName,
  isValidPathSegmentPrefix,
} from './names.js';
export {
  FINALIZER_DELETE_DEPENDENTS,
  FINALIZER_ORPHAN_DEPENDENTS,
  type ObjectMetaRules,
  validateFinalizers,
  validateNonNegative,
  validateObjectMeta,
} from './object-meta.js';
export type { ManagedFieldsEntryLike, ObjectMetaLike } from './object-meta-like.js';
export {
  FIELD_IMMUTABLE,
  validateImmutableField,
  validateNoNewFinalizers,
  validateObjectMetaUpdate,
} from './object-meta-update.js';
export { type OwnerReferenceLike, validateOwnerReferences } from './owner-references.js';
