/** The generic ephemeral volume: a PersistentVolumeClaim made from a template and owned by the pod. */
import { field, struct } from '../../schema/struct.js';
import { ObjectMeta } from '../../meta/v1/object-meta.js';
import { PersistentVolumeClaimSpec } from './persistent-volume-claim-spec.js';

export const PersistentVolumeClaimTemplate = struct(
  'io.k8s.api.core.v1.PersistentVolumeClaimTemplate',
  {
    metadata: field(1, ObjectMeta),
    spec: field(2, PersistentVolumeClaimSpec),
  },
  { required: ['spec'] },
);

export const EphemeralVolumeSource = struct('io.k8s.api.core.v1.EphemeralVolumeSource', {
  volumeClaimTemplate: field(1, PersistentVolumeClaimTemplate),
});
