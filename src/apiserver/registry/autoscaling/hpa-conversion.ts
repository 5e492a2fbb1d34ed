/**
 * HorizontalPodAutoscalers are stored in autoscaling/v2 and served in v1 too, converted as upstream does:
 * v1 has only a CPU utilization target; what v1 cannot say (other metrics, behavior, conditions) rides in
 * `autoscaling.alpha.kubernetes.io/*` annotations so that a v1 client's update keeps it.
 */
import type { ApiObject } from '../strategy.js';

const METRICS = 'autoscaling.alpha.kubernetes.io/metrics';
const BEHAVIOR = 'autoscaling.alpha.kubernetes.io/behavior';
const CONDITIONS = 'autoscaling.alpha.kubernetes.io/conditions';
const CURRENT_METRICS = 'autoscaling.alpha.kubernetes.io/current-metrics';

type Json = Record<string, unknown>;

interface Metric {
  type?: string;
  resource?: {
    name?: string;
    target?: { type?: string; averageUtilization?: number };
    current?: { averageUtilization?: number };
  };
}

const isCpuUtilization = (m: Metric): boolean =>
  m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target?.type === 'Utilization';

/** A v2 object (as stored) in its v1 form. */
export function hpaToV1(stored: ApiObject): ApiObject {
  const obj = structuredClone(stored) as Json & ApiObject;
  const spec = (obj.spec ?? {}) as Json;
  const status = (obj.status ?? {}) as Json;
  const meta = (obj.metadata ??= {}) as { annotations?: Record<string, string> };
  const annotations: Record<string, string> = { ...(meta.annotations ?? {}) };
  const metrics = (spec.metrics ?? []) as Metric[];
  const cpu = metrics.find(isCpuUtilization);
  const others = metrics.filter((m) => m !== cpu);
  if (others.length > 0) annotations[METRICS] = JSON.stringify(others);
  if (spec.behavior !== undefined) annotations[BEHAVIOR] = JSON.stringify(spec.behavior);
  if (Array.isArray(status.conditions) && status.conditions.length > 0)
    annotations[CONDITIONS] = JSON.stringify(status.conditions);
  const current = ((status.currentMetrics ?? []) as Metric[]).filter(
    (m) => !(m.type === 'Resource' && m.resource?.name === 'cpu'),
  );
  if (current.length > 0) annotations[CURRENT_METRICS] = JSON.stringify(current);
  const cpuNow = ((status.currentMetrics ?? []) as Metric[]).find(
    (m) => m.type === 'Resource' && m.resource?.name === 'cpu',
  );
  obj.apiVersion = 'autoscaling/v1';
  if (Object.keys(annotations).length > 0) meta.annotations = annotations;
  obj.spec = {
    scaleTargetRef: spec.scaleTargetRef,
    ...(spec.minReplicas === undefined ? {} : { minReplicas: spec.minReplicas }),
    maxReplicas: spec.maxReplicas,
    ...(cpu?.resource?.target?.averageUtilization === undefined
      ? {}
      : { targetCPUUtilizationPercentage: cpu.resource.target.averageUtilization }),
  };
  if (obj.status !== undefined) {
    obj.status = {
      ...(status.observedGeneration === undefined ? {} : { observedGeneration: status.observedGeneration }),
      ...(status.lastScaleTime === undefined ? {} : { lastScaleTime: status.lastScaleTime }),
      currentReplicas: status.currentReplicas ?? 0,
      desiredReplicas: status.desiredReplicas ?? 0,
      ...(cpuNow?.resource?.current?.averageUtilization === undefined
        ? {}
        : { currentCPUUtilizationPercentage: cpuNow.resource.current.averageUtilization }),
    };
  }
  return obj;
}

/** A v1 object in its v2 (stored) form. */
export function hpaToV2(v1: ApiObject): ApiObject {
  const obj = structuredClone(v1) as Json & ApiObject;
  const spec = (obj.spec ?? {}) as Json;
  const status = obj.status as Json | undefined;
  const meta = (obj.metadata ??= {}) as { annotations?: Record<string, string> };
  const annotations: Record<string, string> = { ...(meta.annotations ?? {}) };
  const take = (key: string): unknown => {
    const text = annotations[key];
    delete annotations[key];
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  };
  const others = (take(METRICS) as Metric[] | undefined) ?? [];
  const behavior = take(BEHAVIOR);
  const conditions = take(CONDITIONS);
  const currentOthers = (take(CURRENT_METRICS) as Metric[] | undefined) ?? [];
  if (Object.keys(annotations).length > 0) meta.annotations = annotations;
  else delete meta.annotations;
  const cpuTarget = spec.targetCPUUtilizationPercentage;
  const metrics: Metric[] = [
    ...(typeof cpuTarget === 'number'
      ? [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpuTarget } },
          },
        ]
      : []),
    ...others,
  ];
  obj.apiVersion = 'autoscaling/v2';
  obj.spec = {
    scaleTargetRef: spec.scaleTargetRef,
    ...(spec.minReplicas === undefined ? {} : { minReplicas: spec.minReplicas }),
    maxReplicas: spec.maxReplicas,
    ...(metrics.length > 0 ? { metrics } : {}),
    ...(behavior === undefined ? {} : { behavior }),
  };
  if (status !== undefined) {
    const cpuNow = status.currentCPUUtilizationPercentage;
    const currentMetrics = [
      ...(typeof cpuNow === 'number'
        ? [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: cpuNow } } }]
        : []),
      ...currentOthers,
    ];
    obj.status = {
      ...(status.observedGeneration === undefined ? {} : { observedGeneration: status.observedGeneration }),
      ...(status.lastScaleTime === undefined ? {} : { lastScaleTime: status.lastScaleTime }),
      currentReplicas: status.currentReplicas ?? 0,
      desiredReplicas: status.desiredReplicas ?? 0,
      ...(currentMetrics.length > 0 ? { currentMetrics } : {}),
      ...(Array.isArray(conditions) ? { conditions } : {}),
    };
  }
  return obj;
}
