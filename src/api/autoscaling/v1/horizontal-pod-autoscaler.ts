/**
 * HorizontalPodAutoscaler (autoscaling/v1): scales a target on average CPU utilisation. Upstream serves the
 * same objects as autoscaling/v2 (metrics, behavior); v1 shows only the CPU target.
 */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { int32, int64, str, time } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';

export const CrossVersionObjectReference = struct(
  'io.k8s.api.autoscaling.v1.CrossVersionObjectReference',
  {
    kind: field(1, str()),
    name: field(2, str()),
    apiVersion: field(3, str()),
  },
  { required: ['kind', 'name'], structType: 'atomic' },
);

export const HorizontalPodAutoscalerSpec = struct(
  'io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerSpec',
  {
    scaleTargetRef: field(1, CrossVersionObjectReference),
    minReplicas: field(2, int32(), { default: 1 }),
    maxReplicas: field(3, int32()),
    targetCPUUtilizationPercentage: field(4, int32()),
  },
  { required: ['scaleTargetRef', 'maxReplicas'] },
);

export const HorizontalPodAutoscalerStatus = struct(
  'io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerStatus',
  {
    observedGeneration: field(1, int64()),
    lastScaleTime: field(2, time()),
    currentReplicas: field(3, int32()),
    desiredReplicas: field(4, int32()),
    currentCPUUtilizationPercentage: field(5, int32()),
  },
  { required: ['currentReplicas', 'desiredReplicas'] },
);

export const HorizontalPodAutoscalerSchema = objectSchema('io.k8s.api.autoscaling.v1.HorizontalPodAutoscaler', {
  spec: field(2, HorizontalPodAutoscalerSpec),
  status: field(3, HorizontalPodAutoscalerStatus),
});
export type HorizontalPodAutoscaler = Static<typeof HorizontalPodAutoscalerSchema>;

export const HorizontalPodAutoscalerKind: KindDefinition = {
  group: 'autoscaling',
  version: 'v1',
  kind: 'HorizontalPodAutoscaler',
  plural: 'horizontalpodautoscalers',
  singular: 'horizontalpodautoscaler',
  namespaced: true,
  shortNames: ['hpa'],
  categories: ['all'],
  schema: HorizontalPodAutoscalerSchema,
  subresources: { status: true },
};
