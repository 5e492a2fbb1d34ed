import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TSchema } from '@sinclair/typebox';
import { KINDS as V2 } from './index.js';
import { KINDS as V1 } from '../v1/index.js';
import { defaultHorizontalPodAutoscaler, HorizontalPodAutoscalerSchema } from './horizontal-pod-autoscaler.js';
import { HorizontalPodAutoscalerSchema as V1Schema } from '../v1/horizontal-pod-autoscaler.js';
import { ScaleSchema } from '../v1/scale.js';
import { protobufNumberAt, protobufProblems } from '../../apps/v1/protobuf-numbers.js';
import { applyDefaults } from '../../schema/defaults.js';

describe('autoscaling kinds', () => {
  for (const kind of [...V1, ...V2]) {
    test(`${kind.version} ${kind.kind} has a protobuf number on every field, unique within each struct`, () => {
      assert.deepEqual(protobufProblems(kind.schema), []);
    });
  }
  test('Scale has a protobuf number on every field', () => assert.deepEqual(protobufProblems(ScaleSchema), []));

  const spots: [string, TSchema, string, number][] = [
    ['v1 HPA', V1Schema, 'spec.targetCPUUtilizationPercentage', 4],
    ['v1 HPA', V1Schema, 'status.currentCPUUtilizationPercentage', 5],
    ['Scale', ScaleSchema, 'status.selector', 2],
    ['v2 HPA', HorizontalPodAutoscalerSchema, 'spec.metrics.containerResource', 7],
    ['v2 HPA', HorizontalPodAutoscalerSchema, 'spec.metrics.object.metric', 3],
    ['v2 HPA', HorizontalPodAutoscalerSchema, 'spec.behavior.scaleUp.stabilizationWindowSeconds', 3],
    ['v2 HPA', HorizontalPodAutoscalerSchema, 'spec.behavior.scaleDown.tolerance', 4],
    ['v2 HPA', HorizontalPodAutoscalerSchema, 'status.currentMetrics.object.describedObject', 3],
    ['v2 HPA', HorizontalPodAutoscalerSchema, 'status.conditions', 6],
  ];
  for (const [kind, schema, path, num] of spots) {
    test(`${kind} ${path} is protobuf field ${num}, as upstream's generated.proto says`, () => {
      assert.equal(protobufNumberAt(schema, path), num);
    });
  }

  test('an HPA without metrics targets 80% CPU and one minimum replica', () => {
    const obj: Record<string, unknown> = { spec: { maxReplicas: 3 } };
    applyDefaults(obj, HorizontalPodAutoscalerSchema);
    defaultHorizontalPodAutoscaler(obj);
    const spec = obj.spec as Record<string, unknown>;
    assert.equal(spec.minReplicas, 1);
    assert.deepEqual(spec.metrics, [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
    ]);
    assert.equal(spec.behavior, undefined);
  });

  test('a present behavior gets both directions filled, keeping what the user set', () => {
    const obj: Record<string, unknown> = { spec: { behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } };
    defaultHorizontalPodAutoscaler(obj);
    const behavior = (obj.spec as Record<string, unknown>).behavior;
    assert.deepEqual(behavior, {
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
      scaleDown: {
        stabilizationWindowSeconds: 60,
        selectPolicy: 'Max',
        policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
      },
    });
  });

  test('both versions serve horizontalpodautoscalers, short name hpa, in the all category', () => {
    for (const kind of [...V1, ...V2]) {
      assert.equal(kind.plural, 'horizontalpodautoscalers');
      assert.deepEqual(kind.shortNames, ['hpa']);
      assert.deepEqual(kind.categories, ['all']);
    }
  });
});
