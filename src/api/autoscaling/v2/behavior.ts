/** How fast an autoscaling/v2 HorizontalPodAutoscaler may scale, per direction, and its upstream defaults. */
import { arrayOf, int32, quantity, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { isObj, type Obj } from '../../apps/v1/object-access.js';

export const ScalingPolicySelect = ['Disabled', 'Max', 'Min'] as const;
export const HPAScalingPolicyType = ['Percent', 'Pods'] as const;

export const HPAScalingPolicy = struct(
  'io.k8s.api.autoscaling.v2.HPAScalingPolicy',
  {
    type: field(1, str({ enum: HPAScalingPolicyType })),
    value: field(2, int32()),
    periodSeconds: field(3, int32()),
  },
  { required: ['type', 'value', 'periodSeconds'] },
);

export const HPAScalingRules = struct('io.k8s.api.autoscaling.v2.HPAScalingRules', {
  stabilizationWindowSeconds: field(3, int32()),
  selectPolicy: field(1, str({ enum: ScalingPolicySelect })),
  policies: field(2, arrayOf(HPAScalingPolicy), { listType: 'atomic' }),
  tolerance: field(4, quantity()),
});

export const HorizontalPodAutoscalerBehavior = struct('io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerBehavior', {
  scaleUp: field(1, HPAScalingRules),
  scaleDown: field(2, HPAScalingRules),
});

/** Scale up by at most 4 pods or 100% per 15 s, whichever is more, without stabilisation. */
const scaleUpDefaults = (): Obj => ({
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
});

/**
 * Scale down by at most 100% per 15 s. The stabilisation window stays unset: the controller's
 * --horizontal-pod-autoscaler-downscale-stabilization (300 s) applies.
 */
const scaleDownDefaults = (): Obj => ({
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
});

/** The given rules over the defaults: each field the user set wins (upstream's copyHPAScalingRules). */
function withDefaults(rules: unknown, defaults: Obj): Obj {
  if (!isObj(rules)) return defaults;
  for (const key of ['selectPolicy', 'stabilizationWindowSeconds', 'policies', 'tolerance']) {
    if (rules[key] !== undefined && rules[key] !== null) defaults[key] = rules[key];
  }
  return defaults;
}

/** Fills both directions of a present `behavior` (upstream's SetDefaults_HorizontalPodAutoscalerBehavior). */
export function defaultBehavior(behavior: Obj): void {
  behavior.scaleUp = withDefaults(behavior.scaleUp, scaleUpDefaults());
  behavior.scaleDown = withDefaults(behavior.scaleDown, scaleDownDefaults());
}
