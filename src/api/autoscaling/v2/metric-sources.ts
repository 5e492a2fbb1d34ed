/** What an autoscaling/v2 HorizontalPodAutoscaler scales on: metric specs and the statuses it reports. */
import { int32, quantity, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { LabelSelector } from '../../meta/v1/object-meta.js';

export const MetricSourceType = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'] as const;
export const MetricTargetType = ['AverageValue', 'Utilization', 'Value'] as const;

export const CrossVersionObjectReference = struct(
  'io.k8s.api.autoscaling.v2.CrossVersionObjectReference',
  {
    kind: field(1, str()),
    name: field(2, str()),
    apiVersion: field(3, str()),
  },
  { required: ['kind', 'name'] },
);

export const MetricIdentifier = struct(
  'io.k8s.api.autoscaling.v2.MetricIdentifier',
  {
    name: field(1, str()),
    selector: field(2, LabelSelector),
  },
  { required: ['name'] },
);

export const MetricTarget = struct(
  'io.k8s.api.autoscaling.v2.MetricTarget',
  {
    type: field(1, str({ enum: MetricTargetType })),
    value: field(2, quantity()),
    averageValue: field(3, quantity()),
    averageUtilization: field(4, int32()),
  },
  { required: ['type'] },
);

export const MetricValueStatus = struct('io.k8s.api.autoscaling.v2.MetricValueStatus', {
  value: field(1, quantity()),
  averageValue: field(2, quantity()),
  averageUtilization: field(3, int32()),
});

export const ObjectMetricSource = struct(
  'io.k8s.api.autoscaling.v2.ObjectMetricSource',
  {
    describedObject: field(1, CrossVersionObjectReference),
    target: field(2, MetricTarget),
    metric: field(3, MetricIdentifier),
  },
  { required: ['describedObject', 'target', 'metric'] },
);

export const PodsMetricSource = struct(
  'io.k8s.api.autoscaling.v2.PodsMetricSource',
  {
    metric: field(1, MetricIdentifier),
    target: field(2, MetricTarget),
  },
  { required: ['metric', 'target'] },
);

export const ResourceMetricSource = struct(
  'io.k8s.api.autoscaling.v2.ResourceMetricSource',
  {
    name: field(1, str()),
    target: field(2, MetricTarget),
  },
  { required: ['name', 'target'] },
);

export const ContainerResourceMetricSource = struct(
  'io.k8s.api.autoscaling.v2.ContainerResourceMetricSource',
  {
    name: field(1, str()),
    target: field(2, MetricTarget),
    container: field(3, str()),
  },
  { required: ['name', 'target', 'container'] },
);

export const ExternalMetricSource = struct(
  'io.k8s.api.autoscaling.v2.ExternalMetricSource',
  {
    metric: field(1, MetricIdentifier),
    target: field(2, MetricTarget),
  },
  { required: ['metric', 'target'] },
);

export const MetricSpec = struct(
  'io.k8s.api.autoscaling.v2.MetricSpec',
  {
    type: field(1, str({ enum: MetricSourceType })),
    object: field(2, ObjectMetricSource),
    pods: field(3, PodsMetricSource),
    resource: field(4, ResourceMetricSource),
    containerResource: field(7, ContainerResourceMetricSource),
    external: field(5, ExternalMetricSource),
  },
  { required: ['type'] },
);

export const ObjectMetricStatus = struct(
  'io.k8s.api.autoscaling.v2.ObjectMetricStatus',
  {
    metric: field(1, MetricIdentifier),
    current: field(2, MetricValueStatus),
    describedObject: field(3, CrossVersionObjectReference),
  },
  { required: ['metric', 'current', 'describedObject'] },
);

export const PodsMetricStatus = struct(
  'io.k8s.api.autoscaling.v2.PodsMetricStatus',
  {
    metric: field(1, MetricIdentifier),
    current: field(2, MetricValueStatus),
  },
  { required: ['metric', 'current'] },
);

export const ResourceMetricStatus = struct(
  'io.k8s.api.autoscaling.v2.ResourceMetricStatus',
  {
    name: field(1, str()),
    current: field(2, MetricValueStatus),
  },
  { required: ['name', 'current'] },
);

export const ContainerResourceMetricStatus = struct(
  'io.k8s.api.autoscaling.v2.ContainerResourceMetricStatus',
  {
    name: field(1, str()),
    current: field(2, MetricValueStatus),
    container: field(3, str()),
  },
  { required: ['name', 'current', 'container'] },
);

export const ExternalMetricStatus = struct(
  'io.k8s.api.autoscaling.v2.ExternalMetricStatus',
  {
    metric: field(1, MetricIdentifier),
    current: field(2, MetricValueStatus),
  },
  { required: ['metric', 'current'] },
);

export const MetricStatus = struct(
  'io.k8s.api.autoscaling.v2.MetricStatus',
  {
    type: field(1, str({ enum: MetricSourceType })),
    object: field(2, ObjectMetricStatus),
    pods: field(3, PodsMetricStatus),
    resource: field(4, ResourceMetricStatus),
    containerResource: field(7, ContainerResourceMetricStatus),
    external: field(5, ExternalMetricStatus),
  },
  { required: ['type'] },
);
