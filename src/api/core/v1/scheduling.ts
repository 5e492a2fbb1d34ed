/** Where and when a pod may run: tolerations, spread constraints, gates and workload membership. */
import type { Static } from '@sinclair/typebox';
import { arrayOf, int32, int64, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { LabelSelector } from '../../meta/v1/object-meta.js';

export const TaintEffect = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'] as const;
export const TolerationOperator = ['Equal', 'Exists', 'Gt', 'Lt'] as const;

export const Toleration = struct('io.k8s.api.core.v1.Toleration', {
  key: field(1, str()),
  operator: field(2, str({ enum: TolerationOperator })),
  value: field(3, str()),
  effect: field(4, str({ enum: TaintEffect })),
  tolerationSeconds: field(5, int64()),
});
export type Toleration = Static<typeof Toleration>;

export const UnsatisfiableConstraintAction = ['DoNotSchedule', 'ScheduleAnyway'] as const;
export const NodeInclusionPolicy = ['Honor', 'Ignore'] as const;

export const TopologySpreadConstraint = struct(
  'io.k8s.api.core.v1.TopologySpreadConstraint',
  {
    maxSkew: field(1, int32()),
    topologyKey: field(2, str()),
    whenUnsatisfiable: field(3, str({ enum: UnsatisfiableConstraintAction })),
    labelSelector: field(4, LabelSelector),
    minDomains: field(5, int32()),
    nodeAffinityPolicy: field(6, str({ enum: NodeInclusionPolicy })),
    nodeTaintsPolicy: field(7, str({ enum: NodeInclusionPolicy })),
    matchLabelKeys: field(8, arrayOf(str()), { listType: 'atomic' }),
  },
  { required: ['maxSkew', 'topologyKey', 'whenUnsatisfiable'] },
);
export type TopologySpreadConstraint = Static<typeof TopologySpreadConstraint>;

export const PodSchedulingGate = struct(
  'io.k8s.api.core.v1.PodSchedulingGate',
  { name: field(1, str()) },
  { required: ['name'] },
);

export const PodReadinessGate = struct(
  'io.k8s.api.core.v1.PodReadinessGate',
  { conditionType: field(1, str()) },
  { required: ['conditionType'] },
);

/** The Workload (and its pod group) a pod belongs to, for gang scheduling. */
export const WorkloadReference = struct(
  'io.k8s.api.core.v1.WorkloadReference',
  {
    name: field(1, str()),
    podGroup: field(2, str()),
    podGroupReplicaKey: field(3, str()),
  },
  { required: ['name', 'podGroup'] },
);
