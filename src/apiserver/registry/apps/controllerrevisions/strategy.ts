/** The policy of `controllerrevisions` (apps/v1): data is mandatory and immutable; revision is not negative. */
import { type FieldError, FieldPath, required } from '../../../../machinery/field-errors.js';
import { validateImmutableField } from '../../../../machinery/validation/object-meta-update.js';
import type { ApiObject, Strategy } from '../../strategy.js';
import { isSet, semanticEqual } from '../validation/json.js';
import { nonNegative } from '../validation/numbers.js';

/** Upstream's ValidateControllerRevision. */
export function controllerRevisionErrors(o: ApiObject): FieldError[] {
  const errs: FieldError[] = [];
  if (!isSet(o.data)) errs.push(required(FieldPath.root('data'), 'data is mandatory'));
  errs.push(...nonNegative(o.revision, FieldPath.root('revision')));
  return errs;
}

export const controllerRevisionsStrategy: Strategy = {
  validate: controllerRevisionErrors,
  validateUpdate: (o, old) => [
    ...controllerRevisionErrors(o),
    ...validateImmutableField(o.data, old.data, FieldPath.root('data'), semanticEqual),
  ],
};
