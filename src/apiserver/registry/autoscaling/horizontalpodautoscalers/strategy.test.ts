import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HorizontalPodAutoscalerKind as V2Kind } from '../../../../api/autoscaling/v2/horizontal-pod-autoscaler.js';
import { HorizontalPodAutoscalerKind as V1Kind } from '../../../../api/autoscaling/v1/horizontal-pod-autoscaler.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, updateStatus } from '../../core/validation/strategy-harness.js';
import { horizontalPodAutoscalersStrategy as strategy } from './strategy.js';

const TARGET = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
const hpa = (spec: Record<string, unknown>, apiVersion = 'autoscaling/v2'): ApiObject => ({
  apiVersion,
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'default' },
  spec: { scaleTargetRef: TARGET, maxReplicas: 5, ...spec },
});
const cpu = (target: Record<string, unknown>) => [{ type: 'Resource', resource: { name: 'cpu', target } }];

describe('horizontalpodautoscalers strategy', () => {
  const cases: { name: string; input: ApiObject; errors: string[] }[] = [
    { name: 'an HPA with the default CPU target is valid', input: hpa({}), errors: [] },
    {
      name: 'a v1 HPA with a CPU percentage is valid',
      input: hpa({ targetCPUUtilizationPercentage: 70 }, 'autoscaling/v1'),
      errors: [],
    },
    {
      name: 'maxReplicas must be at least 1 and at least minReplicas',
      input: hpa({ minReplicas: 3, maxReplicas: 0 }),
      errors: [
        'spec.maxReplicas: Invalid value: 0: must be greater than 0',
        'spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`',
      ],
    },
    {
      name: 'minReplicas of zero is rejected',
      input: hpa({ minReplicas: 0 }),
      errors: [
        'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
        'spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas',
      ],
    },
    {
      name: 'the scale target needs a kind and name',
      input: hpa({ scaleTargetRef: { apiVersion: 'apps/v1' } }),
      errors: ['spec.scaleTargetRef.kind: Required value', 'spec.scaleTargetRef.name: Required value'],
    },
    {
      name: 'a v1 CPU percentage must be positive',
      input: hpa({ targetCPUUtilizationPercentage: 0 }, 'autoscaling/v1'),
      errors: ['spec.targetCPUUtilizationPercentage: Invalid value: 0: must be greater than 0'],
    },
    {
      name: 'a resource metric needs a utilization or a value, not both',
      input: hpa({ metrics: cpu({ type: 'Utilization', averageUtilization: 50, averageValue: '100m' }) }),
      errors: [
        'spec.metrics[0].resource.target.averageValue: Forbidden: may not set both a target raw value and a target utilization',
      ],
    },
    {
      name: 'an unknown metric target type is rejected',
      input: hpa({ metrics: cpu({ type: 'Percent', averageUtilization: 50 }) }),
      errors: [
        'spec.metrics[0].resource.target.type: Invalid value: "Percent": must be either Utilization, Value, or AverageValue',
      ],
    },
    {
      name: 'a metric must fill its own source only',
      input: hpa({ metrics: [{ type: 'Pods', resource: { name: 'cpu' } }] }),
      errors: [
        'spec.metrics[0].pods: Required value: must populate information for the given metric source',
        'spec.metrics[0].resource: Forbidden: must populate the given metric source only',
      ],
    },
    {
      name: 'an unknown metric source type is rejected',
      input: hpa({ metrics: [{ type: 'Custom' }] }),
      errors: [
        'spec.metrics[0].type: Unsupported value: "Custom": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"',
      ],
    },
    {
      name: 'scaling policies need a positive value and a period of at most 30 minutes',
      input: hpa({ behavior: { scaleUp: { policies: [{ type: 'Pods', value: 0, periodSeconds: 3600 }] } } }),
      errors: [
        'spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than zero',
        'spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 3600: must be less than or equal to 1800',
      ],
    },
    {
      name: 'an unknown select policy is rejected',
      input: hpa({ behavior: { scaleDown: { selectPolicy: 'Average' } } }),
      errors: [
        'spec.behavior.scaleDown.selectPolicy: Unsupported value: "Average": supported values: "Disabled", "Max", "Min"',
      ],
    },
  ];
  for (const c of cases) {
    const kind = c.input.apiVersion === 'autoscaling/v1' ? V1Kind : V2Kind;
    test(c.name, () => assert.deepEqual(create(strategy, kind, c.input).errors, c.errors));
  }

  test('a new v2 HPA starts with zero desired replicas, a v1 one with zero current and desired', () => {
    assert.deepEqual(create(strategy, V2Kind, hpa({})).obj.status, { desiredReplicas: 0 });
    assert.deepEqual(create(strategy, V1Kind, hpa({}, 'autoscaling/v1')).obj.status, {
      currentReplicas: 0,
      desiredReplicas: 0,
    });
  });

  test('status: negative replica counts are rejected, on upstream’s paths', () => {
    const old = stored(strategy, V2Kind, hpa({}));
    assert.deepEqual(
      updateStatus(strategy, V2Kind, { ...old, status: { currentReplicas: -1, desiredReplicas: -2 } }, old).errors,
      [
        'status.currentReplicas: Invalid value: -1: must be greater than or equal to 0',
        'status.desiredReplicasa: Invalid value: -2: must be greater than or equal to 0',
      ],
    );
  });
});
