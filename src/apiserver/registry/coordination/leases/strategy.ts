/** The policy of `leases` (coordination.k8s.io/v1): upstream's ValidateLeaseSpec. */
import { type FieldError, FieldPath, forbidden, invalid, notSupported } from '../../../../machinery/field-errors.js';
import { isQualifiedName } from '../../../../machinery/validation/names.js';
import type { Strategy } from '../../strategy.js';
import { isSet, num, obj, text } from '../../apps/validation/json.js';

const SPEC = FieldPath.root('spec');

/** The coordinated leader election strategies Kubernetes defines (other names must be domain-prefixed). */
export const LEASE_STRATEGIES = ['OldestEmulationVersion'];

/** Upstream's ValidateLeaseSpec. */
export function leaseSpecErrors(specValue: unknown): FieldError[] {
  const spec = obj(specValue);
  const errs: FieldError[] = [];
  const duration = num(spec.leaseDurationSeconds);
  if (duration !== undefined && duration <= 0)
    errs.push(invalid(SPEC.child('leaseDurationSeconds'), duration, 'must be greater than 0'));
  const transitions = num(spec.leaseTransitions);
  if (transitions !== undefined && transitions < 0) {
    errs.push(invalid(SPEC.child('leaseTransitions'), transitions, 'must be greater than or equal to 0'));
  }
  if (isSet(spec.strategy)) {
    const strategy = text(spec.strategy);
    const path = SPEC.child('strategy');
    if (!strategy.includes('/')) {
      if (!LEASE_STRATEGIES.includes(strategy)) errs.push(notSupported(path, strategy, LEASE_STRATEGIES));
    } else {
      errs.push(...isQualifiedName(strategy).map((m) => invalid(path, strategy, m)));
    }
  }
  if (text(spec.preferredHolder) !== '' && text(spec.strategy) === '') {
    errs.push(forbidden(SPEC.child('preferredHolder'), 'may only be specified if `strategy` is defined'));
  }
  return errs;
}

export const leasesStrategy: Strategy = {
  validate: (o) => leaseSpecErrors(o.spec),
  validateUpdate: (o) => leaseSpecErrors(o.spec),
};
