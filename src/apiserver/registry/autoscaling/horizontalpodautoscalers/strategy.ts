/**
 * The policy of `horizontalpodautoscalers`, for both autoscaling/v1 (a CPU target) and autoscaling/v2
 * (metrics and behavior): the version is read from the object's apiVersion. Status belongs to the controller.
 */
import { type FieldError, FieldPath, invalid } from '../../../../machinery/field-errors.js';
import type { ApiObject, Strategy } from '../../strategy.js';
import { num, obj } from '../../apps/validation/json.js';
import { keepStatus } from '../../apps/validation/lifecycle.js';
import { nonNegative } from '../../apps/validation/numbers.js';
import { behaviorErrors } from './behavior-validation.js';
import { metricsErrors } from './metrics-validation.js';
import { crossVersionObjectReferenceErrors } from './reference-validation.js';

const SPEC = FieldPath.root('spec');

/** The lowest minReplicas (0 needs the HPAScaleToZero feature, which is off). */
export const MIN_REPLICAS_LOWER_BOUND = 1;

const isV1 = (o: ApiObject): boolean => o.apiVersion === 'autoscaling/v1';

/** Upstream's validateHorizontalPodAutoscalerSpec; later checks run only when the earlier ones pass. */
export function hpaSpecErrors(o: ApiObject): FieldError[] {
  const spec = obj(o.spec);
  const errs: FieldError[] = [];
  const min = num(spec.minReplicas);
  const max = num(spec.maxReplicas) ?? 0;
  if (min !== undefined && min < MIN_REPLICAS_LOWER_BOUND) {
    errs.push(invalid(SPEC.child('minReplicas'), min, `must be greater than or equal to ${MIN_REPLICAS_LOWER_BOUND}`));
  }
  if (max < 1) errs.push(invalid(SPEC.child('maxReplicas'), max, 'must be greater than 0'));
  if (min !== undefined && max < min)
    errs.push(invalid(SPEC.child('maxReplicas'), max, 'must be greater than or equal to `minReplicas`'));
  const refErrors = crossVersionObjectReferenceErrors(spec.scaleTargetRef, SPEC.child('scaleTargetRef'));
  if (refErrors.length > 0) return [...errs, ...refErrors];
  if (isV1(o)) {
    const target = num(spec.targetCPUUtilizationPercentage);
    if (target !== undefined && target < 1)
      errs.push(invalid(SPEC.child('targetCPUUtilizationPercentage'), target, 'must be greater than 0'));
    return errs;
  }
  const metricErrors = metricsErrors(spec.metrics, SPEC.child('metrics'), min);
  if (metricErrors.length > 0) return [...errs, ...metricErrors];
  return [...errs, ...behaviorErrors(spec.behavior, SPEC.child('behavior'))];
}

/** The status counts may not be negative (upstream's path really says `desiredReplicasa`). */
export function hpaStatusErrors(o: ApiObject): FieldError[] {
  const status = obj(o.status);
  return [
    ...nonNegative(status.currentReplicas, FieldPath.root('status').child('currentReplicas')),
    ...nonNegative(status.desiredReplicas, FieldPath.root('status').child('desiredReplicasa')),
  ];
}

export const horizontalPodAutoscalersStrategy: Strategy = {
  prepareForCreate(o) {
    o.status = isV1(o) ? { currentReplicas: 0, desiredReplicas: 0 } : { desiredReplicas: 0 };
  },
  validate: hpaSpecErrors,
  prepareForUpdate: keepStatus,
  validateUpdate: hpaSpecErrors,
  validateStatusUpdate: hpaStatusErrors,
};
