/** Label selectors, as text and as metav1.LabelSelector: the deliberate public surface. */
export {
  type LabelSelectorObject,
  type LabelSelectorRequirementObject,
  type LabelSelectorResult,
  type LabelSelectorValidationOptions,
  labelSelectorFromObject,
  SelectorOperator,
  validateLabelSelector,
} from './label-selector-object.js';
export {
  Operator,
  type Requirement,
  type RequirementResult,
  newRequirement,
  requirementString,
} from './requirement.js';
export { type Labels, LabelSelector, labelSelectorFromSet, matches, parseLabelSelector } from './selector.js';
