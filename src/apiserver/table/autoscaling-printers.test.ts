import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  formatHPAMetrics,
  horizontalPodAutoscalerPrinter,
  podDisruptionBudgetPrinter,
} from './autoscaling-printers.js';
import { ago, row } from './testing.js';

const target = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };

describe('HorizontalPodAutoscaler printer', () => {
  test('an autoscaling/v2 autoscaler prints its reference, targets and replica bounds', () => {
    const hpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', creationTimestamp: ago(600) },
      spec: {
        scaleTargetRef: target,
        minReplicas: 2,
        maxReplicas: 10,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
        ],
      },
      status: {
        currentReplicas: 3,
        currentMetrics: [
          { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 45, averageValue: '120m' } } },
        ],
      },
    };
    assert.deepEqual(row(horizontalPodAutoscalerPrinter, hpa), {
      Name: 'web',
      Reference: 'Deployment/web',
      Targets: 'cpu: 45%/60%',
      MinPods: '2',
      MaxPods: 10,
      Replicas: 3,
      Age: '10m',
    });
  });

  test('an autoscaling/v1 autoscaler reads its CPU target and current utilisation', () => {
    const hpa = {
      apiVersion: 'autoscaling/v1',
      metadata: { name: 'web' },
      spec: { scaleTargetRef: target, maxReplicas: 5, targetCPUUtilizationPercentage: 70 },
      status: { currentReplicas: 1, currentCPUUtilizationPercentage: 12 },
    };
    const r = row(horizontalPodAutoscalerPrinter, hpa);
    assert.deepEqual([r.Targets, r.MinPods], ['cpu: 12%/70%', '<unset>']);
  });

  test('an autoscaler without metrics shows the 80% CPU default the API applies', () => {
    const hpa = { metadata: { name: 'web' }, spec: { scaleTargetRef: target, maxReplicas: 5 } };
    assert.equal(row(horizontalPodAutoscalerPrinter, hpa).Targets, 'cpu: <unknown>/80%');
  });

  const metricCases: Array<[string, unknown[], unknown[], string]> = [
    [
      'an average-value resource target prints quantities',
      [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '512Mi' } } }],
      [{ type: 'Resource', resource: { name: 'memory', current: { averageValue: '300Mi' } } }],
      'memory: 300Mi/512Mi',
    ],
    [
      'a utilisation target without a value prints <auto>',
      [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }],
      [],
      'cpu: <unknown>/<auto>',
    ],
    [
      'a container resource target names the resource',
      [
        {
          type: 'ContainerResource',
          containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization', averageUtilization: 50 } },
        },
      ],
      [
        {
          type: 'ContainerResource',
          containerResource: { name: 'cpu', container: 'app', current: { averageUtilization: 20 } },
        },
      ],
      'cpu: 20%/50%',
    ],
    [
      'a pods metric prints current/target average values',
      [{ type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '100' } } }],
      [{ type: 'Pods', pods: { metric: { name: 'rps' }, current: { averageValue: '42' } } }],
      '42/100',
    ],
    [
      'an object metric with an average target is marked (avg)',
      [{ type: 'Object', object: { metric: { name: 'hits' }, target: { type: 'AverageValue', averageValue: '10' } } }],
      [],
      '<unknown>/10 (avg)',
    ],
    [
      'an external metric with a value target prints current/target',
      [{ type: 'External', external: { metric: { name: 'queue' }, target: { type: 'Value', value: '30' } } }],
      [{ type: 'External', external: { metric: { name: 'queue' }, current: { value: '12' } } }],
      '12/30',
    ],
    [
      'more than two metrics are summarised',
      [
        { type: 'Resource', resource: { name: 'cpu', target: { averageUtilization: 60 } } },
        { type: 'Resource', resource: { name: 'memory', target: { averageUtilization: 70 } } },
        { type: 'Pods', pods: { target: { averageValue: '1' } } },
        { type: 'Weird' },
      ],
      [],
      'cpu: <unknown>/60%, memory: <unknown>/70% + 2 more...',
    ],
    ['an unknown metric type prints <unknown type>', [{ type: 'Weird' }], [], '<unknown type>'],
  ];
  for (const [name, metrics, currentMetrics, want] of metricCases) {
    test(name, () => assert.equal(formatHPAMetrics({ spec: { metrics }, status: { currentMetrics } }), want));
  }
});

describe('PodDisruptionBudget printer', () => {
  test('a budget prints its bounds, N/A for the unset one', () => {
    const pdb = {
      metadata: { name: 'web-pdb', creationTimestamp: ago(30) },
      spec: { minAvailable: '50%' },
      status: { disruptionsAllowed: 1 },
    };
    assert.deepEqual(row(podDisruptionBudgetPrinter, pdb), {
      Name: 'web-pdb',
      'Min Available': '50%',
      'Max Unavailable': 'N/A',
      'Allowed Disruptions': 1,
      Age: '30s',
    });
    assert.equal(row(podDisruptionBudgetPrinter, { spec: { maxUnavailable: 1 } })['Max Unavailable'], '1');
  });
});
