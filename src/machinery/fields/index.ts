/** Field selectors: the deliberate public surface. */
export { escapeValue, unescapeValue } from './escape.js';
export {
  FieldOperator,
  type FieldRequirement,
  type Fields,
  FieldSelector,
  fieldSelectorFromSet,
  matchesFields,
  parseFieldSelector,
} from './selector.js';
export { checkSupportedFields, FieldLabelWording, unsupportedFieldMessage } from './supported-fields.js';
