/**
 * PersistentVolumeClaimSpec: what a claim asks for. Used by PersistentVolumeClaim and by pods' ephemeral
 * volumes (PersistentVolumeClaimTemplate).
 */
import type { Static } from '@sinclair/typebox';
import { arrayOf, mapOf, quantity, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { LabelSelector } from '../../meta/v1/object-meta.js';
import { TypedLocalObjectReference, TypedObjectReference } from './references.js';
import { ACCESS_MODES, VOLUME_MODES } from './persistent-volume.js';

export const VolumeResourceRequirements = struct('io.k8s.api.core.v1.VolumeResourceRequirements', {
  limits: field(1, mapOf(quantity())),
  requests: field(2, mapOf(quantity())),
});

export const PersistentVolumeClaimSpec = struct('io.k8s.api.core.v1.PersistentVolumeClaimSpec', {
  accessModes: field(1, arrayOf(str({ enum: ACCESS_MODES })), { listType: 'atomic' }),
  selector: field(4, LabelSelector),
  resources: field(2, VolumeResourceRequirements),
  volumeName: field(3, str()),
  storageClassName: field(5, str()),
  volumeMode: field(6, str({ enum: VOLUME_MODES }), { default: 'Filesystem' }),
  dataSource: field(7, TypedLocalObjectReference),
  dataSourceRef: field(8, TypedObjectReference),
  volumeAttributesClassName: field(9, str()),
});
export type PersistentVolumeClaimSpec = Static<typeof PersistentVolumeClaimSpec>;
