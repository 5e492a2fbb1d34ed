/** StatefulSet (apps/v1): pods with stable identities and per-pod volume claims. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, int32, int64, intOrString, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { LabelSelector } from '../../meta/v1/object-meta.js';
import { PodTemplateSpec } from '../../core/v1/pod-spec.js';
import { defaultPodTemplateSpec } from '../../core/v1/pod-spec-defaults.js';
import { defaultPersistentVolumeClaim, PersistentVolumeClaimSchema } from '../../core/v1/persistent-volume-claim.js';
import { byType } from './list-options.js';
import { isObj, objectAt, objectsIn, type Obj, unset } from './object-access.js';
import { typedCondition } from '../../schema/condition.js';

export const PodManagementPolicy = ['OrderedReady', 'Parallel'] as const;
export const StatefulSetUpdateStrategyType = ['OnDelete', 'RollingUpdate'] as const;
export const PersistentVolumeClaimRetentionPolicyType = ['Delete', 'Retain'] as const;

export const RollingUpdateStatefulSetStrategy = struct('io.k8s.api.apps.v1.RollingUpdateStatefulSetStrategy', {
  partition: field(1, int32()),
  maxUnavailable: field(2, intOrString()),
});

export const StatefulSetUpdateStrategy = struct('io.k8s.api.apps.v1.StatefulSetUpdateStrategy', {
  type: field(1, str({ enum: StatefulSetUpdateStrategyType })),
  rollingUpdate: field(2, RollingUpdateStatefulSetStrategy),
});

export const StatefulSetPersistentVolumeClaimRetentionPolicy = struct(
  'io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy',
  {
    whenDeleted: field(1, str({ enum: PersistentVolumeClaimRetentionPolicyType }), { default: 'Retain' }),
    whenScaled: field(2, str({ enum: PersistentVolumeClaimRetentionPolicyType }), { default: 'Retain' }),
  },
);

export const StatefulSetOrdinals = struct('io.k8s.api.apps.v1.StatefulSetOrdinals', {
  start: field(1, int32()),
});

export const StatefulSetSpec = struct(
  'io.k8s.api.apps.v1.StatefulSetSpec',
  {
    replicas: field(1, int32(), { default: 1 }),
    selector: field(2, LabelSelector),
    template: field(3, PodTemplateSpec),
    volumeClaimTemplates: field(4, arrayOf(PersistentVolumeClaimSchema), { listType: 'atomic' }),
    serviceName: field(5, str()),
    podManagementPolicy: field(6, str({ enum: PodManagementPolicy }), { default: 'OrderedReady' }),
    updateStrategy: field(7, StatefulSetUpdateStrategy),
    revisionHistoryLimit: field(8, int32(), { default: 10 }),
    minReadySeconds: field(9, int32()),
    persistentVolumeClaimRetentionPolicy: field(10, StatefulSetPersistentVolumeClaimRetentionPolicy, { default: {} }),
    ordinals: field(11, StatefulSetOrdinals),
  },
  { required: ['selector', 'template'] },
);
export type StatefulSetSpec = Static<typeof StatefulSetSpec>;

export const StatefulSetCondition = typedCondition('io.k8s.api.apps.v1.StatefulSetCondition');

export const StatefulSetStatus = struct(
  'io.k8s.api.apps.v1.StatefulSetStatus',
  {
    observedGeneration: field(1, int64()),
    replicas: field(2, int32()),
    readyReplicas: field(3, int32()),
    currentReplicas: field(4, int32()),
    updatedReplicas: field(5, int32()),
    currentRevision: field(6, str()),
    updateRevision: field(7, str()),
    collisionCount: field(9, int32()),
    conditions: field(10, arrayOf(StatefulSetCondition), byType),
    availableReplicas: field(11, int32()),
  },
  { required: ['replicas'] },
);
export type StatefulSetStatus = Static<typeof StatefulSetStatus>;

export const StatefulSetSchema = objectSchema('io.k8s.api.apps.v1.StatefulSet', {
  spec: field(2, StatefulSetSpec),
  status: field(3, StatefulSetStatus),
});
export type StatefulSet = Static<typeof StatefulSetSchema>;

/**
 * Upstream's SetDefaults_StatefulSet beyond the schema's: an unset update strategy becomes RollingUpdate
 * with partition 0; the template's PodSpec and each volume claim template are defaulted.
 */
export function defaultStatefulSet(obj: Obj): void {
  if (!isObj(obj.spec)) return;
  const spec = obj.spec;
  const strategy = objectAt(spec, 'updateStrategy');
  if (unset(strategy.type)) {
    strategy.type = 'RollingUpdate';
    objectAt(strategy, 'rollingUpdate');
  }
  if (strategy.type === 'RollingUpdate' && isObj(strategy.rollingUpdate)) {
    if (unset(strategy.rollingUpdate.partition)) strategy.rollingUpdate.partition = 0;
  }
  defaultPodTemplateSpec(spec.template);
  for (const claim of objectsIn(spec.volumeClaimTemplates)) defaultPersistentVolumeClaim(claim);
}

export const StatefulSetKind: KindDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'StatefulSet',
  plural: 'statefulsets',
  singular: 'statefulset',
  namespaced: true,
  shortNames: ['sts'],
  categories: ['all'],
  schema: StatefulSetSchema,
  subresources: {
    status: true,
    // spec.selector is a LabelSelector object: the scale subresource renders it as selector text.
    scale: {
      specReplicasPath: 'spec.replicas',
      statusReplicasPath: 'status.replicas',
      labelSelectorPath: 'spec.selector',
    },
  },
  defaults: defaultStatefulSet,
};
