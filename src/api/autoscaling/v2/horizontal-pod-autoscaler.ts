/** HorizontalPodAutoscaler (autoscaling/v2): scales a target on resource, pod, object and external metrics. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, int32, int64, time } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { byType } from '../../apps/v1/list-options.js';
import { isObj, type Obj, unset } from '../../apps/v1/object-access.js';
import { defaultBehavior, HorizontalPodAutoscalerBehavior } from './behavior.js';
import { CrossVersionObjectReference, MetricSpec, MetricStatus } from './metric-sources.js';
import { typedCondition } from '../../schema/condition.js';

/** The CPU utilisation target of an HPA that names no metric (upstream's DefaultCPUUtilization). */
export const DEFAULT_CPU_UTILIZATION = 80;

export const HorizontalPodAutoscalerSpec = struct(
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec',
  {
    scaleTargetRef: field(1, CrossVersionObjectReference),
    minReplicas: field(2, int32(), { default: 1 }),
    maxReplicas: field(3, int32()),
    metrics: field(4, arrayOf(MetricSpec), { listType: 'atomic' }),
    behavior: field(5, HorizontalPodAutoscalerBehavior),
  },
  { required: ['scaleTargetRef', 'maxReplicas'] },
);

export const HorizontalPodAutoscalerCondition = typedCondition(
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerCondition',
);

export const HorizontalPodAutoscalerStatus = struct(
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerStatus',
  {
    observedGeneration: field(1, int64()),
    lastScaleTime: field(2, time()),
    currentReplicas: field(3, int32()),
    desiredReplicas: field(4, int32()),
    currentMetrics: field(5, arrayOf(MetricStatus), { listType: 'atomic' }),
    conditions: field(6, arrayOf(HorizontalPodAutoscalerCondition), byType),
  },
  { required: ['desiredReplicas'] },
);

export const HorizontalPodAutoscalerSchema = objectSchema('io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler', {
  spec: field(2, HorizontalPodAutoscalerSpec),
  status: field(3, HorizontalPodAutoscalerStatus),
});
export type HorizontalPodAutoscaler = Static<typeof HorizontalPodAutoscalerSchema>;

/**
 * Upstream's SetDefaults_HorizontalPodAutoscaler beyond minReplicas: no metrics means 80% average CPU
 * utilisation, and a present behavior gets both directions' default rules.
 */
export function defaultHorizontalPodAutoscaler(obj: Obj): void {
  if (!isObj(obj.spec)) return;
  const spec = obj.spec;
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } },
      },
    ];
  }
  if (!unset(spec.behavior) && isObj(spec.behavior)) defaultBehavior(spec.behavior);
}

export const HorizontalPodAutoscalerKind: KindDefinition = {
  group: 'autoscaling',
  version: 'v2',
  kind: 'HorizontalPodAutoscaler',
  plural: 'horizontalpodautoscalers',
  singular: 'horizontalpodautoscaler',
  namespaced: true,
  shortNames: ['hpa'],
  categories: ['all'],
  schema: HorizontalPodAutoscalerSchema,
  subresources: { status: true },
  defaults: defaultHorizontalPodAutoscaler,
};
