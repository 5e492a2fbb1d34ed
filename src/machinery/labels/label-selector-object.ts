/**
 * metav1.LabelSelector, the structured selector of specs (`spec.selector`): its validation
 * (apimachinery meta/v1/validation ValidateLabelSelector) and its conversion to a LabelSelector
 * (LabelSelectorAsSelector). A null selector matches nothing; an empty one matches everything.
 */
import { type FieldError, FieldPath, forbidden, invalid, required } from '../field-errors.js';
import { validateLabelName, validateLabels } from '../validation/labels-annotations.js';
import { isValidLabelValue } from '../validation/names.js';
import { newRequirement, Operator, type Requirement } from './requirement.js';
import { LabelSelector } from './selector.js';

/** The operators of metav1.LabelSelectorRequirement. */
export const SelectorOperator = {
  In: 'In',
  NotIn: 'NotIn',
  Exists: 'Exists',
  DoesNotExist: 'DoesNotExist',
} as const;
export type SelectorOperator = (typeof SelectorOperator)[keyof typeof SelectorOperator];

const TO_OPERATOR: Readonly<Record<SelectorOperator, Operator>> = {
  In: Operator.In,
  NotIn: Operator.NotIn,
  Exists: Operator.Exists,
  DoesNotExist: Operator.DoesNotExist,
};

export interface LabelSelectorRequirementObject {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[] | null;
}

/** metav1.LabelSelector as it appears in objects. */
export interface LabelSelectorObject {
  readonly matchLabels?: Readonly<Record<string, string>> | null;
  readonly matchExpressions?: readonly LabelSelectorRequirementObject[] | null;
}

export interface LabelSelectorValidationOptions {
  /** Skip the label-value check of expression values (upstream allows it for objects stored before it). */
  readonly allowInvalidLabelValueInSelector?: boolean;
}

const isSelectorOperator = (op: string): op is SelectorOperator => Object.hasOwn(TO_OPERATOR, op);

/** Validates one expression: operator, values for that operator, key, and (by default) each value. */
function validateRequirement(
  expr: LabelSelectorRequirementObject,
  path: FieldPath,
  opts: LabelSelectorValidationOptions,
): FieldError[] {
  const errs: FieldError[] = [];
  const values = expr.values ?? [];
  switch (expr.operator) {
    case SelectorOperator.In:
    case SelectorOperator.NotIn:
      if (values.length === 0)
        errs.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case SelectorOperator.Exists:
    case SelectorOperator.DoesNotExist:
      if (values.length > 0) {
        errs.push(
          forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        );
      }
      break;
    default:
      errs.push(invalid(path.child('operator'), expr.operator, 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(expr.key, path.child('key')));
  if (!opts.allowInvalidLabelValueInSelector) {
    values.forEach((v, i) => {
      for (const msg of isValidLabelValue(v)) errs.push(invalid(path.child('values').index(i), v, msg));
    });
  }
  return errs;
}

/** Every problem of a metav1.LabelSelector at `path`; a null selector has none. */
export function validateLabelSelector(
  selector: LabelSelectorObject | null | undefined,
  path: FieldPath,
  opts: LabelSelectorValidationOptions = {},
): FieldError[] {
  if (selector === null || selector === undefined) return [];
  const errs = validateLabels(selector.matchLabels, path.child('matchLabels'));
  (selector.matchExpressions ?? []).forEach((expr, i) => {
    errs.push(...validateRequirement(expr, path.child('matchExpressions').index(i), opts));
  });
  return errs;
}

/** A converted selector, or why it cannot be one. */
export type LabelSelectorResult =
  | { readonly ok: true; readonly selector: LabelSelector }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/**
 * Converts a metav1.LabelSelector: null/absent → nothing, no labels and no expressions → everything, else the
 * AND of `matchLabels` (as `k=v`) and `matchExpressions`. Invalid selectors yield their validation errors.
 */
export function labelSelectorFromObject(
  selector: LabelSelectorObject | null | undefined,
  path: FieldPath = FieldPath.root('selector'),
): LabelSelectorResult {
  if (selector === null || selector === undefined) return { ok: true, selector: LabelSelector.nothing() };
  const errors = validateLabelSelector(selector, path);
  if (errors.length > 0) return { ok: false, errors };
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    requirements.push({ key, operator: Operator.Equals, values: [value] });
  }
  for (const [i, expr] of (selector.matchExpressions ?? []).entries()) {
    if (!isSelectorOperator(expr.operator)) continue; // reported by validation above
    const built = newRequirement(
      expr.key,
      TO_OPERATOR[expr.operator],
      expr.values ?? [],
      path.child('matchExpressions').index(i),
    );
    if ('errors' in built) return { ok: false, errors: built.errors };
    requirements.push(built.requirement);
  }
  return { ok: true, selector: LabelSelector.of(requirements) };
}
