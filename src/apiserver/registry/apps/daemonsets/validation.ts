/** DaemonSet validation (upstream's ValidateDaemonSetSpec, ValidateDaemonSetUpdateStrategy, status). */
import { type FieldError, FieldPath, invalid, notSupported, required } from '../../../../machinery/field-errors.js';
import { podTemplateSpecErrors } from '../../core/pods/validation/pod-template-spec.js';
import { isSet, obj } from '../validation/json.js';
import {
  asSelector,
  isEmptyLabelSelector,
  selectorMatches,
  validateLabelSelector,
} from '../validation/label-selector.js';
import {
  intOrPercentValue,
  validateNotMoreThan100Percent,
  validatePositiveIntOrPercent,
} from '../validation/int-or-percent.js';
import { nonNegative, nonNegativeFields } from '../validation/numbers.js';
import { alwaysRestartErrors, templateLabels } from '../validation/workload-template.js';

const SPEC = FieldPath.root('spec');
const STATUS = FieldPath.root('status');

function rollingUpdateErrors(rollingUpdate: Record<string, unknown>, path: FieldPath): FieldError[] {
  const { maxUnavailable, maxSurge } = rollingUpdate;
  const errs = [
    ...validatePositiveIntOrPercent(maxUnavailable, path.child('maxUnavailable')),
    ...validatePositiveIntOrPercent(maxSurge, path.child('maxSurge')),
    ...validateNotMoreThan100Percent(maxUnavailable, path.child('maxUnavailable')),
    ...validateNotMoreThan100Percent(maxSurge, path.child('maxSurge')),
  ];
  const hasUnavailable = intOrPercentValue(maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(maxSurge) !== 0;
  if (hasUnavailable && hasSurge) {
    errs.push(invalid(path.child('maxSurge'), maxSurge, 'may not be set when maxUnavailable is non-zero'));
  } else if (!hasUnavailable && !hasSurge) {
    errs.push(required(path.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
  }
  return errs;
}

/** OnDelete, or RollingUpdate with exactly one of maxUnavailable and maxSurge non-zero. */
export function daemonSetUpdateStrategyErrors(strategyValue: unknown, path: FieldPath): FieldError[] {
  const strategy = obj(strategyValue);
  switch (strategy.type) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate':
      return isSet(strategy.rollingUpdate)
        ? rollingUpdateErrors(obj(strategy.rollingUpdate), path.child('rollingUpdate'))
        : [required(path.child('rollingUpdate'))];
    default:
      return [notSupported(path, strategyValue, ['RollingUpdate', 'OnDelete'])];
  }
}

/** Upstream's ValidateDaemonSetSpec. */
export function daemonSetSpecErrors(specValue: unknown): FieldError[] {
  const spec = obj(specValue);
  const errs = validateLabelSelector(spec.selector, SPEC.child('selector'));
  const selector = asSelector(spec.selector);
  const labels = templateLabels(spec.template);
  if (selector !== undefined && !selectorMatches(selector, labels)) {
    errs.push(
      invalid(
        SPEC.child('template', 'metadata', 'labels'),
        labels ?? {},
        '`selector` does not match template `labels`',
      ),
    );
  }
  if (isSet(spec.selector) && isEmptyLabelSelector(spec.selector)) {
    errs.push(invalid(SPEC.child('selector'), spec.selector, 'empty selector is invalid for daemonset'));
  }
  errs.push(...podTemplateSpecErrors(spec.template, SPEC.child('template')));
  errs.push(...alwaysRestartErrors(spec.template, SPEC.child('template'), 'DaemonSet'));
  errs.push(...nonNegative(spec.minReadySeconds, SPEC.child('minReadySeconds')));
  errs.push(...daemonSetUpdateStrategyErrors(spec.updateStrategy, SPEC.child('updateStrategy')));
  errs.push(...nonNegative(spec.revisionHistoryLimit, SPEC.child('revisionHistoryLimit')));
  return errs;
}

/** Upstream's validateDaemonSetStatus. */
export function daemonSetStatusErrors(statusValue: unknown): FieldError[] {
  return nonNegativeFields(
    obj(statusValue),
    [
      'currentNumberScheduled',
      'numberMisscheduled',
      'desiredNumberScheduled',
      'numberReady',
      'observedGeneration',
      'updatedNumberScheduled',
      'numberAvailable',
      'numberUnavailable',
      'collisionCount',
    ],
    STATUS,
  );
}
