/** Deployment validation (upstream's ValidateDeploymentSpec, ValidateDeploymentStrategy, ValidateDeploymentStatus). */
import {
  type FieldError,
  FieldPath,
  forbidden,
  invalid,
  notSupported,
  required,
} from '../../../../machinery/field-errors.js';
import { isSet, num, obj } from '../validation/json.js';
import { asSelector, isEmptyLabelSelector, validateLabelSelector } from '../validation/label-selector.js';
import {
  intOrPercentValue,
  validateNotMoreThan100Percent,
  validatePositiveIntOrPercent,
} from '../validation/int-or-percent.js';
import { nonNegative, nonNegativeFields, replicaCountErrors } from '../validation/numbers.js';
import { replicaSetTemplateErrors } from '../validation/workload-template.js';

const SPEC = FieldPath.root('spec');
const STATUS = FieldPath.root('status');

function rollingUpdateErrors(rollingUpdate: Record<string, unknown>, path: FieldPath): FieldError[] {
  const { maxUnavailable, maxSurge } = rollingUpdate;
  const errs = [
    ...validatePositiveIntOrPercent(maxUnavailable, path.child('maxUnavailable')),
    ...validatePositiveIntOrPercent(maxSurge, path.child('maxSurge')),
  ];
  if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) {
    errs.push(invalid(path.child('maxUnavailable'), maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
  }
  errs.push(...validateNotMoreThan100Percent(maxUnavailable, path.child('maxUnavailable')));
  return errs;
}

/** Recreate takes no parameters; RollingUpdate needs valid ones (defaulted, so never missing). */
export function deploymentStrategyErrors(strategyValue: unknown, path: FieldPath): FieldError[] {
  const strategy = obj(strategyValue);
  switch (strategy.type) {
    case 'Recreate':
      return isSet(strategy.rollingUpdate)
        ? [forbidden(path.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")]
        : [];
    case 'RollingUpdate':
      return isSet(strategy.rollingUpdate)
        ? rollingUpdateErrors(obj(strategy.rollingUpdate), path.child('rollingUpdate'))
        : [required(path.child('rollingUpdate'), 'this should be defaulted and never be nil')];
    default:
      return [notSupported(path, strategyValue, ['Recreate', 'RollingUpdate'])];
  }
}

/** Upstream's ValidateDeploymentSpec, on create and on update. */
export function deploymentSpecErrors(specValue: unknown): FieldError[] {
  const spec = obj(specValue);
  const errs = nonNegative(spec.replicas, SPEC.child('replicas'));
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
  errs.push(...deploymentStrategyErrors(spec.strategy, SPEC.child('strategy')));
  errs.push(...nonNegative(spec.minReadySeconds, SPEC.child('minReadySeconds')));
  errs.push(...nonNegative(spec.revisionHistoryLimit, SPEC.child('revisionHistoryLimit')));
  const deadline = num(spec.progressDeadlineSeconds);
  if (deadline !== undefined) {
    errs.push(...nonNegative(deadline, SPEC.child('progressDeadlineSeconds')));
    if (deadline <= (num(spec.minReadySeconds) ?? 0)) {
      errs.push(invalid(SPEC.child('progressDeadlineSeconds'), deadline, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

/** Upstream's ValidateDeploymentStatus. */
export function deploymentStatusErrors(statusValue: unknown): FieldError[] {
  const status = obj(statusValue);
  return [
    ...nonNegativeFields(
      status,
      [
        'observedGeneration',
        'replicas',
        'updatedReplicas',
        'readyReplicas',
        'availableReplicas',
        'unavailableReplicas',
        'collisionCount',
      ],
      STATUS,
    ),
    ...replicaCountErrors(status, ['updatedReplicas', 'readyReplicas', 'availableReplicas'], STATUS),
  ];
}
