/** The policy of `replicasets` (apps/v1): ValidateReplicaSetSpec; the selector is immutable; status is the controller's. */
import { type FieldError, FieldPath, invalid, required } from '../../../../machinery/field-errors.js';
import type { Strategy } from '../../strategy.js';
import { isSet, obj } from '../validation/json.js';
import { asSelector, isEmptyLabelSelector, validateLabelSelector } from '../validation/label-selector.js';
import { keepStatus, selectorImmutableErrors } from '../validation/lifecycle.js';
import { nonNegative, nonNegativeFields, replicaCountErrors } from '../validation/numbers.js';
import { replicaSetTemplateErrors } from '../validation/workload-template.js';

const SPEC = FieldPath.root('spec');
const STATUS = FieldPath.root('status');

/** Upstream's ValidateReplicaSetSpec (its empty-selector message does say "deployment"). */
export function replicaSetSpecErrors(specValue: unknown): FieldError[] {
  const spec = obj(specValue);
  const errs = [
    ...nonNegative(spec.replicas, SPEC.child('replicas')),
    ...nonNegative(spec.minReadySeconds, SPEC.child('minReadySeconds')),
  ];
  if (!isSet(spec.selector)) {
    errs.push(required(SPEC.child('selector')));
  } else {
    errs.push(...validateLabelSelector(spec.selector, SPEC.child('selector')));
    if (isEmptyLabelSelector(spec.selector)) {
      errs.push(invalid(SPEC.child('selector'), spec.selector, 'empty selector is invalid for deployment'));
    }
  }
  const selector = asSelector(spec.selector);
  if (selector === undefined) errs.push(invalid(SPEC.child('selector'), spec.selector, 'invalid label selector'));
  else errs.push(...replicaSetTemplateErrors(spec.template, selector, SPEC.child('template')));
  return errs;
}

/** Upstream's ValidateReplicaSetStatus. */
export function replicaSetStatusErrors(statusValue: unknown): FieldError[] {
  const status = obj(statusValue);
  return [
    ...nonNegativeFields(
      status,
      ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'],
      STATUS,
    ),
    ...replicaCountErrors(status, ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'], STATUS),
  ];
}

export const replicaSetsStrategy: Strategy = {
  prepareForCreate(o) {
    o.status = { replicas: 0 };
  },
  validate: (o) => replicaSetSpecErrors(o.spec),
  prepareForUpdate: keepStatus,
  validateUpdate: (o, old) => [...replicaSetSpecErrors(o.spec), ...selectorImmutableErrors(o, old)],
  validateStatusUpdate: (o) => replicaSetStatusErrors(o.status),
};
