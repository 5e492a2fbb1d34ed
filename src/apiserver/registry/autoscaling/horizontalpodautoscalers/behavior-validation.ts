/** autoscaling/v2 scaling behavior (upstream's validateBehavior, validateScalingRules, validateScalingPolicy). */
import {
  type FieldError,
  type FieldPath,
  invalid,
  notSupported,
  required,
} from '../../../../machinery/field-errors.js';
import { isObj, isSet, num, obj, objects } from '../../apps/validation/json.js';
import { isNegative, parseQuantity } from '../../core/validation/quantity.js';

export const MAX_PERIOD_SECONDS = 1800;
export const MAX_STABILIZATION_WINDOW_SECONDS = 3600;

function policyErrors(policy: Record<string, unknown>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (policy.type !== 'Pods' && policy.type !== 'Percent')
    errs.push(notSupported(path.child('type'), policy.type ?? '', ['Percent', 'Pods']));
  const value = num(policy.value) ?? 0;
  if (value <= 0) errs.push(invalid(path.child('value'), value, 'must be greater than zero'));
  const period = num(policy.periodSeconds) ?? 0;
  if (period <= 0) errs.push(invalid(path.child('periodSeconds'), period, 'must be greater than zero'));
  if (period > MAX_PERIOD_SECONDS) {
    errs.push(invalid(path.child('periodSeconds'), period, `must be less than or equal to ${MAX_PERIOD_SECONDS}`));
  }
  return errs;
}

function rulesErrors(rulesValue: unknown, path: FieldPath): FieldError[] {
  if (!isObj(rulesValue)) return [];
  const rules = rulesValue;
  const errs: FieldError[] = [];
  const window = num(rules.stabilizationWindowSeconds);
  if (window !== undefined && window < 0) {
    errs.push(invalid(path.child('stabilizationWindowSeconds'), window, 'must be greater than or equal to zero'));
  }
  if (window !== undefined && window > MAX_STABILIZATION_WINDOW_SECONDS) {
    errs.push(
      invalid(
        path.child('stabilizationWindowSeconds'),
        window,
        `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`,
      ),
    );
  }
  if (isSet(rules.selectPolicy) && !['Disabled', 'Max', 'Min'].includes(String(rules.selectPolicy))) {
    errs.push(notSupported(path.child('selectPolicy'), rules.selectPolicy, ['Disabled', 'Max', 'Min']));
  }
  const policies = objects(rules.policies);
  if (policies.length === 0) errs.push(required(path.child('policies'), 'must specify at least one Policy'));
  policies.forEach((p, i) => errs.push(...policyErrors(p, path.child('policies').index(i))));
  if (isSet(rules.tolerance)) {
    const q = parseQuantity(String(rules.tolerance));
    if (q === undefined || isNegative(q))
      errs.push(invalid(path.child('tolerance'), rules.tolerance, 'must be greater than or equal to zero'));
  }
  return errs;
}

/** Both directions' rules, when a behavior is given (defaulting has filled what the user left out). */
export function behaviorErrors(behaviorValue: unknown, path: FieldPath): FieldError[] {
  if (!isObj(behaviorValue)) return [];
  const behavior = obj(behaviorValue);
  return [
    ...rulesErrors(behavior.scaleUp, path.child('scaleUp')),
    ...rulesErrors(behavior.scaleDown, path.child('scaleDown')),
  ];
}
