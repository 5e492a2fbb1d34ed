/**
 * PersistentVolume (core/v1): a piece of storage in the cluster. Cluster-scoped. The volume source fields
 * (hostPath, nfs, csi, …) sit directly in the spec in JSON but travel inside the embedded
 * PersistentVolumeSource message (spec field 2) in protobuf.
 */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, mapOf, quantity, str, time } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { embeddedField } from './embedded-field.js';
import { NodeSelector, ObjectReference } from './references.js';
import {
  AWSElasticBlockStoreVolumeSource,
  AzureDiskVolumeSource,
  FCVolumeSource,
  FlockerVolumeSource,
  GCEPersistentDiskVolumeSource,
  HostPathVolumeSource,
  NFSVolumeSource,
  PhotonPersistentDiskVolumeSource,
  PortworxVolumeSource,
  QuobyteVolumeSource,
  VsphereVirtualDiskVolumeSource,
} from './volume-sources-shared.js';
import {
  AzureFilePersistentVolumeSource,
  CSIPersistentVolumeSource,
  CephFSPersistentVolumeSource,
  CinderPersistentVolumeSource,
  FlexPersistentVolumeSource,
  GlusterfsPersistentVolumeSource,
  ISCSIPersistentVolumeSource,
  LocalVolumeSource,
  RBDPersistentVolumeSource,
  ScaleIOPersistentVolumeSource,
  StorageOSPersistentVolumeSource,
} from './persistent-volume-sources.js';

/** PersistentVolumeSpec field 2 (`persistentVolumeSource`), inlined in JSON. */
const SOURCE = 2;

/** The volume source fields of a PersistentVolumeSpec; exactly one must be set. */
export const PERSISTENT_VOLUME_SOURCES = {
  gcePersistentDisk: embeddedField(SOURCE, 1, GCEPersistentDiskVolumeSource),
  awsElasticBlockStore: embeddedField(SOURCE, 2, AWSElasticBlockStoreVolumeSource),
  hostPath: embeddedField(SOURCE, 3, HostPathVolumeSource),
  glusterfs: embeddedField(SOURCE, 4, GlusterfsPersistentVolumeSource),
  nfs: embeddedField(SOURCE, 5, NFSVolumeSource),
  rbd: embeddedField(SOURCE, 6, RBDPersistentVolumeSource),
  iscsi: embeddedField(SOURCE, 7, ISCSIPersistentVolumeSource),
  cinder: embeddedField(SOURCE, 8, CinderPersistentVolumeSource),
  cephfs: embeddedField(SOURCE, 9, CephFSPersistentVolumeSource),
  fc: embeddedField(SOURCE, 10, FCVolumeSource),
  flocker: embeddedField(SOURCE, 11, FlockerVolumeSource),
  flexVolume: embeddedField(SOURCE, 12, FlexPersistentVolumeSource),
  azureFile: embeddedField(SOURCE, 13, AzureFilePersistentVolumeSource),
  vsphereVolume: embeddedField(SOURCE, 14, VsphereVirtualDiskVolumeSource),
  quobyte: embeddedField(SOURCE, 15, QuobyteVolumeSource),
  azureDisk: embeddedField(SOURCE, 16, AzureDiskVolumeSource),
  photonPersistentDisk: embeddedField(SOURCE, 17, PhotonPersistentDiskVolumeSource),
  portworxVolume: embeddedField(SOURCE, 18, PortworxVolumeSource),
  scaleIO: embeddedField(SOURCE, 19, ScaleIOPersistentVolumeSource),
  local: embeddedField(SOURCE, 20, LocalVolumeSource),
  storageos: embeddedField(SOURCE, 21, StorageOSPersistentVolumeSource),
  csi: embeddedField(SOURCE, 22, CSIPersistentVolumeSource),
};

export const VolumeNodeAffinity = struct('io.k8s.api.core.v1.VolumeNodeAffinity', {
  required: field(1, NodeSelector),
});

export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'] as const;
export const VOLUME_MODES = ['Block', 'Filesystem'] as const;

export const PersistentVolumeSpec = struct('io.k8s.api.core.v1.PersistentVolumeSpec', {
  capacity: field(1, mapOf(quantity())),
  ...PERSISTENT_VOLUME_SOURCES,
  accessModes: field(3, arrayOf(str({ enum: ACCESS_MODES })), { listType: 'atomic' }),
  claimRef: field(4, ObjectReference, { mapType: 'granular' }),
  persistentVolumeReclaimPolicy: field(5, str({ enum: ['Delete', 'Recycle', 'Retain'] }), { default: 'Retain' }),
  storageClassName: field(6, str()),
  mountOptions: field(7, arrayOf(str()), { listType: 'atomic' }),
  volumeMode: field(8, str({ enum: VOLUME_MODES }), { default: 'Filesystem' }),
  nodeAffinity: field(9, VolumeNodeAffinity),
  volumeAttributesClassName: field(10, str()),
});

export const PersistentVolumeStatus = struct('io.k8s.api.core.v1.PersistentVolumeStatus', {
  phase: field(1, str({ enum: ['Available', 'Bound', 'Failed', 'Pending', 'Released'] })),
  message: field(2, str()),
  reason: field(3, str()),
  lastPhaseTransitionTime: field(4, time()),
});

export const PersistentVolumeSchema = objectSchema('io.k8s.api.core.v1.PersistentVolume', {
  spec: field(2, PersistentVolumeSpec),
  status: field(3, PersistentVolumeStatus),
});
export type PersistentVolume = Static<typeof PersistentVolumeSchema>;

/** A new volume's phase is Pending until the controller sees it (upstream's SetDefaults_PersistentVolume). */
export function defaultPersistentVolume(obj: Record<string, unknown>): void {
  const status = (obj.status ??= {}) as Record<string, unknown>;
  if (!status.phase) status.phase = 'Pending';
}

export const PersistentVolumeKind: KindDefinition = {
  group: '',
  version: 'v1',
  kind: 'PersistentVolume',
  plural: 'persistentvolumes',
  singular: 'persistentvolume',
  namespaced: false,
  shortNames: ['pv'],
  schema: PersistentVolumeSchema,
  subresources: { status: true },
  selectableFields: { name: (o) => (o as PersistentVolume).metadata?.name ?? '' },
  defaults: defaultPersistentVolume,
};
