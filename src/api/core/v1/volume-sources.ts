/**
 * The everyday volume sources: host paths, scratch space, API data (secrets, config maps, downward API),
 * claims, CSI inline volumes and OCI images. Network and cloud sources live in their own files.
 */
import type { Static } from '@sinclair/typebox';
import { arrayOf, bool, int32, quantity, str, stringMap } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { embeddedField } from './embedded-field.js';
import { ObjectFieldSelector, ResourceFieldSelector } from './env.js';
import { LocalObjectReference } from './object-reference.js';

/** Shared with PersistentVolume's sources: one definition each. */
export { HOST_PATH_TYPES, HostPathVolumeSource } from './volume-sources-shared.js';

/** 0644: the default file mode of secret, config map, downward API and projected volumes. */
export const DEFAULT_FILE_MODE = 420;

export const EmptyDirVolumeSource = struct('io.k8s.api.core.v1.EmptyDirVolumeSource', {
  medium: field(1, str()),
  sizeLimit: field(2, quantity()),
});

export const KeyToPath = struct(
  'io.k8s.api.core.v1.KeyToPath',
  {
    key: field(1, str()),
    path: field(2, str()),
    mode: field(3, int32()),
  },
  { required: ['key', 'path'] },
);
export type KeyToPath = Static<typeof KeyToPath>;

export const SecretVolumeSource = struct('io.k8s.api.core.v1.SecretVolumeSource', {
  secretName: field(1, str()),
  items: field(2, arrayOf(KeyToPath), { listType: 'atomic' }),
  defaultMode: field(3, int32(), { default: DEFAULT_FILE_MODE }),
  optional: field(4, bool()),
});

export const ConfigMapVolumeSource = struct('io.k8s.api.core.v1.ConfigMapVolumeSource', {
  name: embeddedField(1, 1, str()),
  items: field(2, arrayOf(KeyToPath), { listType: 'atomic' }),
  defaultMode: field(3, int32(), { default: DEFAULT_FILE_MODE }),
  optional: field(4, bool()),
});

export const DownwardAPIVolumeFile = struct(
  'io.k8s.api.core.v1.DownwardAPIVolumeFile',
  {
    path: field(1, str()),
    fieldRef: field(2, ObjectFieldSelector),
    resourceFieldRef: field(3, ResourceFieldSelector),
    mode: field(4, int32()),
  },
  { required: ['path'] },
);
export type DownwardAPIVolumeFile = Static<typeof DownwardAPIVolumeFile>;

export const DownwardAPIVolumeSource = struct('io.k8s.api.core.v1.DownwardAPIVolumeSource', {
  items: field(1, arrayOf(DownwardAPIVolumeFile), { listType: 'atomic' }),
  defaultMode: field(2, int32(), { default: DEFAULT_FILE_MODE }),
});

export const PersistentVolumeClaimVolumeSource = struct(
  'io.k8s.api.core.v1.PersistentVolumeClaimVolumeSource',
  {
    claimName: field(1, str()),
    readOnly: field(2, bool()),
  },
  { required: ['claimName'] },
);

export const CSIVolumeSource = struct(
  'io.k8s.api.core.v1.CSIVolumeSource',
  {
    driver: field(1, str()),
    readOnly: field(2, bool()),
    fsType: field(3, str()),
    volumeAttributes: field(4, stringMap()),
    nodePublishSecretRef: field(5, LocalObjectReference),
  },
  { required: ['driver'] },
);

export const ImageVolumeSource = struct('io.k8s.api.core.v1.ImageVolumeSource', {
  reference: field(1, str()),
  pullPolicy: field(2, str({ enum: ['Always', 'IfNotPresent', 'Never'] })),
});
