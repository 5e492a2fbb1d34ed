/** ReplicaSet (apps/v1): keeps a number of pods of one template running. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, int32, int64 } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { LabelSelector } from '../../meta/v1/object-meta.js';
import { PodTemplateSpec } from '../../core/v1/pod-spec.js';
import { defaultPodTemplateSpec } from '../../core/v1/pod-spec-defaults.js';
import { byType } from './list-options.js';
import { isObj, type Obj } from './object-access.js';
import { typedCondition } from '../../schema/condition.js';

export const ReplicaSetSpec = struct(
  'io.k8s.api.apps.v1.ReplicaSetSpec',
  {
    replicas: field(1, int32(), { default: 1 }),
    minReadySeconds: field(4, int32()),
    selector: field(2, LabelSelector),
    template: field(3, PodTemplateSpec),
  },
  { required: ['selector'] },
);
export type ReplicaSetSpec = Static<typeof ReplicaSetSpec>;

export const ReplicaSetCondition = typedCondition('io.k8s.api.apps.v1.ReplicaSetCondition');

export const ReplicaSetStatus = struct(
  'io.k8s.api.apps.v1.ReplicaSetStatus',
  {
    replicas: field(1, int32()),
    fullyLabeledReplicas: field(2, int32()),
    readyReplicas: field(4, int32()),
    availableReplicas: field(5, int32()),
    terminatingReplicas: field(7, int32()),
    observedGeneration: field(3, int64()),
    conditions: field(6, arrayOf(ReplicaSetCondition), byType),
  },
  { required: ['replicas'] },
);
export type ReplicaSetStatus = Static<typeof ReplicaSetStatus>;

export const ReplicaSetSchema = objectSchema('io.k8s.api.apps.v1.ReplicaSet', {
  spec: field(2, ReplicaSetSpec),
  status: field(3, ReplicaSetStatus),
});
export type ReplicaSet = Static<typeof ReplicaSetSchema>;

export const ReplicaSetKind: KindDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'ReplicaSet',
  plural: 'replicasets',
  singular: 'replicaset',
  namespaced: true,
  shortNames: ['rs'],
  categories: ['all'],
  schema: ReplicaSetSchema,
  subresources: {
    status: true,
    // spec.selector is a LabelSelector object: the scale subresource renders it as selector text.
    scale: {
      specReplicasPath: 'spec.replicas',
      statusReplicasPath: 'status.replicas',
      labelSelectorPath: 'spec.selector',
    },
  },
  selectableFields: { 'status.replicas': (o) => String((o as ReplicaSet).status?.replicas ?? 0) },
  defaults: (o: Obj) => {
    if (isObj(o.spec)) defaultPodTemplateSpec(o.spec.template);
  },
};
