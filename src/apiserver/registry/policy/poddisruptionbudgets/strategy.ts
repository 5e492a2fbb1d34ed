/**
 * The policy of `poddisruptionbudgets` (policy/v1): minAvailable or maxUnavailable (not both), each a
 * count or a percentage of at most 100%; status belongs to the disruption controller.
 */
import { type FieldError, FieldPath, invalid, notSupported } from '../../../../machinery/field-errors.js';
import type { Strategy } from '../../strategy.js';
import { isSet, num, obj } from '../../apps/validation/json.js';
import { validateNotMoreThan100Percent, validatePositiveIntOrPercent } from '../../apps/validation/int-or-percent.js';
import { validateLabelSelector } from '../../apps/validation/label-selector.js';
import { keepStatus } from '../../apps/validation/lifecycle.js';
import { nonNegativeFields } from '../../apps/validation/numbers.js';

const SPEC = FieldPath.root('spec');
const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

/** Upstream's ValidatePodDisruptionBudgetSpec. */
export function pdbSpecErrors(specValue: unknown): FieldError[] {
  const spec = obj(specValue);
  const errs: FieldError[] = [];
  if (isSet(spec.minAvailable) && isSet(spec.maxUnavailable)) {
    errs.push(invalid(SPEC, spec, 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const key of ['minAvailable', 'maxUnavailable'] as const) {
    if (!isSet(spec[key])) continue;
    errs.push(
      ...validatePositiveIntOrPercent(spec[key], SPEC.child(key)),
      ...validateNotMoreThan100Percent(spec[key], SPEC.child(key)),
    );
  }
  errs.push(...validateLabelSelector(spec.selector, SPEC.child('selector')));
  if (isSet(spec.unhealthyPodEvictionPolicy) && !EVICTION_POLICIES.includes(String(spec.unhealthyPodEvictionPolicy))) {
    errs.push(
      notSupported(SPEC.child('unhealthyPodEvictionPolicy'), spec.unhealthyPodEvictionPolicy, EVICTION_POLICIES),
    );
  }
  return errs;
}

/** Upstream's ValidatePodDisruptionBudgetStatusUpdate: the counts are not negative. */
export function pdbStatusErrors(statusValue: unknown): FieldError[] {
  const status = obj(statusValue);
  const errs = nonNegativeFields(
    status,
    ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods'],
    FieldPath.root('status'),
  );
  if ((num(status.observedGeneration) ?? 0) < 0) {
    errs.push(
      invalid(
        FieldPath.root('status').child('observedGeneration'),
        status.observedGeneration,
        'must be greater than or equal to 0',
      ),
    );
  }
  return errs;
}

export const podDisruptionBudgetsStrategy: Strategy = {
  prepareForCreate(o) {
    o.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  },
  validate: (o) => pdbSpecErrors(o.spec),
  prepareForUpdate: keepStatus,
  validateUpdate: (o) => pdbSpecErrors(o.spec),
  validateStatusUpdate: (o) => pdbStatusErrors(o.status),
};
