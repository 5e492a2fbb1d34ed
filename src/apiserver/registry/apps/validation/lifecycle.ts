/** What every workload strategy does with status and selectors on create and update. */
import type { FieldError } from '../../../../machinery/field-errors.js';
import { FieldPath } from '../../../../machinery/field-errors.js';
import { validateImmutableField } from '../../../../machinery/validation/object-meta-update.js';
import type { ApiObject } from '../../strategy.js';
import { obj, semanticEqual } from './json.js';

/** A main-resource update keeps the stored status (the controller owns it). */
export function keepStatus(next: ApiObject, old: ApiObject): void {
  if (old.status === undefined) delete next.status;
  else next.status = structuredClone(old.status);
}

/** `spec.selector: Invalid value: …: field is immutable` (apps/v1 forbids changing a workload's selector). */
export function selectorImmutableErrors(next: ApiObject, old: ApiObject): FieldError[] {
  return validateImmutableField(
    obj(next.spec).selector,
    obj(old.spec).selector,
    FieldPath.root('spec').child('selector'),
    semanticEqual,
  );
}
