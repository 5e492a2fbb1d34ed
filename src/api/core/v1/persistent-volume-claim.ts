/** PersistentVolumeClaim (core/v1): a user's request for storage, bound to a PersistentVolume. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, mapOf, quantity, str, stringMap, time } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { ACCESS_MODES } from './persistent-volume.js';
import { PersistentVolumeClaimSpec } from './persistent-volume-claim-spec.js';

export const PersistentVolumeClaimCondition = struct(
  'io.k8s.api.core.v1.PersistentVolumeClaimCondition',
  {
    type: field(1, str()),
    status: field(2, str()),
    lastProbeTime: field(3, time()),
    lastTransitionTime: field(4, time()),
    reason: field(5, str()),
    message: field(6, str()),
  },
  { required: ['type', 'status'] },
);

export const ModifyVolumeStatus = struct(
  'io.k8s.api.core.v1.ModifyVolumeStatus',
  {
    targetVolumeAttributesClassName: field(1, str()),
    status: field(2, str({ enum: ['InProgress', 'Infeasible', 'Pending'] })),
  },
  { required: ['status'] },
);

export const PersistentVolumeClaimStatus = struct('io.k8s.api.core.v1.PersistentVolumeClaimStatus', {
  phase: field(1, str({ enum: ['Bound', 'Lost', 'Pending'] })),
  accessModes: field(2, arrayOf(str({ enum: ACCESS_MODES })), { listType: 'atomic' }),
  capacity: field(3, mapOf(quantity())),
  conditions: field(4, arrayOf(PersistentVolumeClaimCondition), {
    patchStrategy: 'merge',
    patchMergeKey: 'type',
    listType: 'map',
    listMapKeys: ['type'],
  }),
  allocatedResources: field(5, mapOf(quantity())),
  allocatedResourceStatuses: field(7, stringMap(), { mapType: 'granular' }),
  currentVolumeAttributesClassName: field(8, str()),
  modifyVolumeStatus: field(9, ModifyVolumeStatus),
});

export const PersistentVolumeClaimSchema = objectSchema('io.k8s.api.core.v1.PersistentVolumeClaim', {
  spec: field(2, PersistentVolumeClaimSpec),
  status: field(3, PersistentVolumeClaimStatus),
});
export type PersistentVolumeClaim = Static<typeof PersistentVolumeClaimSchema>;

/** A claim is Pending until bound (upstream's SetDefaults_PersistentVolumeClaim). */
export function defaultPersistentVolumeClaim(obj: Record<string, unknown>): void {
  const status = (obj.status ??= {}) as Record<string, unknown>;
  if (!status.phase) status.phase = 'Pending';
}

export const PersistentVolumeClaimKind: KindDefinition = {
  group: '',
  version: 'v1',
  kind: 'PersistentVolumeClaim',
  plural: 'persistentvolumeclaims',
  singular: 'persistentvolumeclaim',
  namespaced: true,
  shortNames: ['pvc'],
  schema: PersistentVolumeClaimSchema,
  subresources: { status: true },
  selectableFields: { name: (o) => (o as PersistentVolumeClaim).metadata?.name ?? '' },
  defaults: defaultPersistentVolumeClaim,
};
