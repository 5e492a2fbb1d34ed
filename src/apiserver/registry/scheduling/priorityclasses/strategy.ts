/**
 * The policy of `priorityclasses` (scheduling.k8s.io/v1): user classes stay at or below one billion; the
 * `system-` prefix is reserved for the system classes; value and preemption policy are immutable.
 */
import { type FieldError, FieldPath, forbidden, notSupported } from '../../../../machinery/field-errors.js';
import { validateImmutableField } from '../../../../machinery/validation/object-meta-update.js';
import {
  HIGHEST_USER_DEFINABLE_PRIORITY,
  SYSTEM_PRIORITY_CLASS_PREFIX,
  SYSTEM_PRIORITY_CLASSES,
} from '../../../../api/scheduling/v1/priority-class.js';
import type { ApiObject, Strategy } from '../../strategy.js';
import { isSet, num, text } from '../../apps/validation/json.js';

/** Why a `system-` name is not a known system class with its value, or undefined when it is. */
function systemClassError(name: string, value: number, globalDefault: boolean): string | undefined {
  const expected = SYSTEM_PRIORITY_CLASSES[name];
  if (expected === undefined) return `${name} is not a known system priority class`;
  if (value !== expected) return `value of ${name} PriorityClass must be ${expected}`;
  if (globalDefault) return `globalDefault of ${name} PriorityClass must be false`;
  return undefined;
}

/** Upstream's ValidatePriorityClass (metadata aside). */
export function priorityClassErrors(o: ApiObject): FieldError[] {
  const errs: FieldError[] = [];
  const name = text(o.metadata?.name);
  const value = num(o.value) ?? 0;
  if (name.startsWith(SYSTEM_PRIORITY_CLASS_PREFIX)) {
    const err = systemClassError(name, value, o.globalDefault === true);
    if (err !== undefined) {
      errs.push(
        forbidden(
          FieldPath.root('metadata').child('name'),
          `priority class names with '${SYSTEM_PRIORITY_CLASS_PREFIX}' prefix are reserved for system use only. error: ${err}`,
        ),
      );
    }
  } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(
      forbidden(
        FieldPath.root('value'),
        `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`,
      ),
    );
  }
  if (isSet(o.preemptionPolicy) && o.preemptionPolicy !== 'PreemptLowerPriority' && o.preemptionPolicy !== 'Never') {
    errs.push(notSupported(FieldPath.root('preemptionPolicy'), o.preemptionPolicy, ['PreemptLowerPriority', 'Never']));
  }
  return errs;
}

export const priorityClassesStrategy: Strategy = {
  validate: priorityClassErrors,
  validateUpdate(o, old) {
    const errs: FieldError[] = [];
    if ((num(o.value) ?? 0) !== (num(old.value) ?? 0))
      errs.push(forbidden(FieldPath.root('value'), 'may not be changed in an update.'));
    errs.push(...validateImmutableField(o.preemptionPolicy, old.preemptionPolicy, FieldPath.root('preemptionPolicy')));
    return errs;
  },
};
