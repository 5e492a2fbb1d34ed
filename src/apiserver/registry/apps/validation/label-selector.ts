/**
 * metav1.LabelSelector in validation: its field checks (ValidateLabelSelector), its conversion to a selector
 * (LabelSelectorAsSelector) and matching, with upstream's wording and semantics. A missing selector selects
 * nothing; an empty one selects everything.
 */
import { type FieldError, type FieldPath, forbidden, invalid, required } from '../../../../machinery/field-errors.js';
import {
  matchesRequirement,
  newRequirement,
  type Requirement,
  requirementString,
} from '../../../../machinery/labels/requirement.js';
import { compareGoStrings } from '../../../../machinery/validation/go-format.js';
import { validateLabelName, validateLabels } from '../../../../machinery/validation/labels-annotations.js';
import { isValidLabelValue } from '../../../../machinery/validation/names.js';
import { isObj, objects, stringMap, strings, text } from './json.js';

/** Errors of a label selector's fields (matchLabels, then each matchExpression). */
export function validateLabelSelector(selector: unknown, path: FieldPath): FieldError[] {
  if (!isObj(selector)) return [];
  const errs = validateLabels(stringMap(selector.matchLabels), path.child('matchLabels'));
  objects(selector.matchExpressions).forEach((expr, i) => {
    const at = path.child('matchExpressions').index(i);
    const values = strings(expr.values);
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0)
          errs.push(required(at.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) {
          errs.push(
            forbidden(at.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
          );
        }
        break;
      default:
        errs.push(invalid(at.child('operator'), expr.operator, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(text(expr.key), at.child('key')));
    values.forEach((v, j) => errs.push(...isValidLabelValue(v).map((m) => invalid(at.child('values').index(j), v, m))));
  });
  return errs;
}

/** A converted selector: `nothing` for a missing one, else requirements all labels must meet (none: everything). */
export type Selector =
  { readonly nothing: true } | { readonly nothing: false; readonly requirements: readonly Requirement[] };

const OPERATORS: Readonly<Record<string, string>> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/** LabelSelectorAsSelector: the selector, or undefined when it cannot be converted (an invalid key, value or operator). */
export function asSelector(selector: unknown): Selector | undefined {
  if (!isObj(selector)) return { nothing: true };
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(stringMap(selector.matchLabels))) {
    const r = newRequirement(key, '=', [value]);
    if (!('requirement' in r)) return undefined;
    requirements.push(r.requirement);
  }
  for (const expr of objects(selector.matchExpressions)) {
    const op = OPERATORS[text(expr.operator)];
    if (op === undefined) return undefined;
    const r = newRequirement(text(expr.key), op, strings(expr.values));
    if (!('requirement' in r)) return undefined;
    requirements.push(r.requirement);
  }
  requirements.sort((a, b) => compareGoStrings(a.key, b.key));
  return { nothing: false, requirements };
}

/** Whether the selector selects everything (an empty LabelSelector). */
export const selectsEverything = (s: Selector): boolean => !s.nothing && s.requirements.length === 0;

/** Whether `labels` are selected. */
export const selectorMatches = (s: Selector, labels: Readonly<Record<string, string>> | undefined): boolean =>
  !s.nothing && s.requirements.every((r) => matchesRequirement(r, labels ?? {}));

/** Whether a LabelSelector has neither matchLabels nor matchExpressions. */
export function isEmptyLabelSelector(selector: unknown): boolean {
  if (!isObj(selector)) return false;
  return Object.keys(stringMap(selector.matchLabels)).length + objects(selector.matchExpressions).length === 0;
}

/**
 * A LabelSelector as selector text (`app=web,tier in (a,b)`), as the scale subresource reports it in
 * `status.selector`; `''` for an empty selector and for one that cannot be converted.
 */
export function labelSelectorText(selector: unknown): string {
  const s = asSelector(selector);
  if (s === undefined || s.nothing) return '';
  return s.requirements.map(requirementString).join(',');
}
