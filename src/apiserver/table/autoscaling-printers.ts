/**
 * HorizontalPodAutoscaler (autoscaling/v1 and v2) and PodDisruptionBudget printers. An autoscaling/v1 object
 * is read as upstream converts it: its CPU utilisation target and current value become one Resource metric.
 */
import { at, has, int, list, optInt, optIntOrString, optQuantity, str } from './accessors.js';
import { AGE, NAME, column } from './columns.js';
import { age, name } from './format.js';
import type { Cell, Printer } from './types.js';

interface Metrics {
  readonly specs: readonly unknown[];
  readonly statuses: readonly unknown[];
}

/** The CPU utilisation the API defaults an autoscaler without metrics to. */
const DEFAULT_CPU_UTILIZATION = 80;

const cpuTarget = (averageUtilization: number): unknown => ({
  type: 'Resource',
  resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization } },
});
const cpuCurrent = (averageUtilization: number): unknown => ({
  type: 'Resource',
  resource: { name: 'cpu', current: { averageUtilization } },
});

/**
 * spec.metrics and status.currentMetrics (v2). Without metrics, the single CPU metric of an autoscaling/v1
 * object (targetCPUUtilizationPercentage / currentCPUUtilizationPercentage), or the 80% CPU default that the
 * API applies to an autoscaler declaring none.
 */
function hpaMetrics(hpa: unknown): Metrics {
  const specs = list(hpa, 'spec', 'metrics');
  if (specs.length > 0) return { specs, statuses: list(hpa, 'status', 'currentMetrics') };
  const target = optInt(hpa, 'spec', 'targetCPUUtilizationPercentage') ?? DEFAULT_CPU_UTILIZATION;
  const current = optInt(hpa, 'status', 'currentCPUUtilizationPercentage');
  return {
    specs: [cpuTarget(target)],
    statuses: current === undefined ? list(hpa, 'status', 'currentMetrics') : [cpuCurrent(current)],
  };
}

/** A quantity as Go's `(*Quantity).String()` prints it: `<nil>` when absent. */
const quantity = (v: unknown, ...path: string[]): string => optQuantity(v, ...path) ?? '<nil>';

/** One metric as `current/target`, `current/target (avg)` or `resource: current/target`. */
function formatMetric(spec: unknown, status: unknown): string {
  const unknown = '<unknown>';
  switch (str(spec, 'type')) {
    case 'External': {
      if (at(spec, 'external', 'target', 'averageValue') != null) {
        const current = has(status, 'external')
          ? (optQuantity(status, 'external', 'current', 'averageValue') ?? unknown)
          : unknown;
        return `${current}/${quantity(spec, 'external', 'target', 'averageValue')} (avg)`;
      }
      const current = has(status, 'external') ? quantity(status, 'external', 'current', 'value') : unknown;
      return `${current}/${quantity(spec, 'external', 'target', 'value')}`;
    }
    case 'Pods': {
      const current = has(status, 'pods') ? quantity(status, 'pods', 'current', 'averageValue') : unknown;
      return `${current}/${quantity(spec, 'pods', 'target', 'averageValue')}`;
    }
    case 'Object': {
      if (at(spec, 'object', 'target', 'averageValue') != null) {
        const current = has(status, 'object')
          ? (optQuantity(status, 'object', 'current', 'averageValue') ?? unknown)
          : unknown;
        return `${current}/${quantity(spec, 'object', 'target', 'averageValue')} (avg)`;
      }
      const current = has(status, 'object') ? quantity(status, 'object', 'current', 'value') : unknown;
      return `${current}/${quantity(spec, 'object', 'target', 'value')}`;
    }
    case 'Resource':
    case 'ContainerResource': {
      const field = str(spec, 'type') === 'Resource' ? 'resource' : 'containerResource';
      const resource = str(spec, field, 'name');
      if (at(spec, field, 'target', 'averageValue') != null) {
        const current = has(status, field) ? quantity(status, field, 'current', 'averageValue') : unknown;
        return `${resource}: ${current}/${quantity(spec, field, 'target', 'averageValue')}`;
      }
      const currentUtilization = has(status, field)
        ? optInt(status, field, 'current', 'averageUtilization')
        : undefined;
      const targetUtilization = optInt(spec, field, 'target', 'averageUtilization');
      const current = currentUtilization === undefined ? unknown : `${currentUtilization}%`;
      const target = targetUtilization === undefined ? '<auto>' : `${targetUtilization}%`;
      return `${resource}: ${current}/${target}`;
    }
    default:
      return '<unknown type>';
  }
}

/** The first two metrics, comma-separated, then ` + N more...`. */
export function formatHPAMetrics(hpa: unknown): string {
  const { specs, statuses } = hpaMetrics(hpa);
  const max = 2;
  const shown = specs.slice(0, max).map((spec, i) => formatMetric(spec, statuses[i]));
  return specs.length > max ? `${shown.join(', ')} + ${specs.length - max} more...` : shown.join(', ');
}

export const horizontalPodAutoscalerPrinter: Printer = {
  columns: [
    NAME,
    column('Reference', 'string', 'The scaled object, as Kind/name.'),
    column('Targets', 'string', 'Current values out of the targets of the metrics.'),
    column('MinPods', 'string', 'The fewest replicas the autoscaler scales down to.'),
    column('MaxPods', 'string', 'The most replicas the autoscaler scales up to.'),
    column('Replicas', 'string', 'The current number of replicas.'),
    AGE,
  ],
  cells(hpa, now): Cell[] {
    const minReplicas = optInt(hpa, 'spec', 'minReplicas');
    return [
      name(hpa),
      `${str(hpa, 'spec', 'scaleTargetRef', 'kind')}/${str(hpa, 'spec', 'scaleTargetRef', 'name')}`,
      formatHPAMetrics(hpa),
      minReplicas === undefined ? '<unset>' : String(minReplicas),
      int(hpa, 'spec', 'maxReplicas'),
      int(hpa, 'status', 'currentReplicas'),
      age(hpa, now),
    ];
  },
};

export const podDisruptionBudgetPrinter: Printer = {
  columns: [
    NAME,
    column('Min Available', 'string', 'The minimum number of pods that must be available.'),
    column('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    column('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    AGE,
  ],
  cells(pdb, now): Cell[] {
    return [
      name(pdb),
      optIntOrString(pdb, 'spec', 'minAvailable') ?? 'N/A',
      optIntOrString(pdb, 'spec', 'maxUnavailable') ?? 'N/A',
      int(pdb, 'status', 'disruptionsAllowed'),
      age(pdb, now),
    ];
  },
};
