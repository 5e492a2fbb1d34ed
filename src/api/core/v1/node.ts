/** Node (core/v1): a machine that runs pods. Cluster-scoped; the kubelet creates it with its status. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, bool, str, time } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { NodeConfigSource, NodeStatus } from './node-status.js';

export const TAINT_EFFECTS = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'] as const;

export const Taint = struct(
  'io.k8s.api.core.v1.Taint',
  {
    key: field(1, str()),
    value: field(2, str()),
    effect: field(3, str({ enum: TAINT_EFFECTS })),
    timeAdded: field(4, time()),
  },
  { required: ['key', 'effect'] },
);
export type Taint = Static<typeof Taint>;

export const NodeSpec = struct('io.k8s.api.core.v1.NodeSpec', {
  podCIDR: field(1, str()),
  podCIDRs: field(7, arrayOf(str()), { patchStrategy: 'merge', listType: 'set' }),
  providerID: field(3, str()),
  unschedulable: field(4, bool()),
  taints: field(5, arrayOf(Taint), { listType: 'atomic' }),
  configSource: field(6, NodeConfigSource),
  externalID: field(2, str()),
});

export const NodeSchema = objectSchema('io.k8s.api.core.v1.Node', {
  spec: field(2, NodeSpec),
  status: field(3, NodeStatus),
});
export type Node = Static<typeof NodeSchema>;

/** Allocatable defaults to capacity (upstream's SetDefaults_NodeStatus). */
export function defaultNode(obj: Record<string, unknown>): void {
  const status = obj.status as Record<string, unknown> | undefined;
  if (status === undefined || status === null || typeof status !== 'object') return;
  if (status.allocatable === undefined && status.capacity !== undefined)
    status.allocatable = structuredClone(status.capacity);
}

export const NodeKind: KindDefinition = {
  group: '',
  version: 'v1',
  kind: 'Node',
  plural: 'nodes',
  singular: 'node',
  namespaced: false,
  shortNames: ['no'],
  schema: NodeSchema,
  subresources: { status: true },
  selectableFields: { 'spec.unschedulable': (o) => String((o as Node).spec?.unschedulable ?? false) },
  defaults: defaultNode,
};
