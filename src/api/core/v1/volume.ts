/** Volume: a named volume of a pod, with exactly one of every volume source core/v1 has. */
import type { Static } from '@sinclair/typebox';
import { str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { embedFields } from './embedded-field.js';
import { EphemeralVolumeSource } from './volume-ephemeral.js';
import { ProjectedVolumeSource } from './volume-projection.js';
import {
  CSIVolumeSource,
  ConfigMapVolumeSource,
  DownwardAPIVolumeSource,
  EmptyDirVolumeSource,
  HostPathVolumeSource,
  ImageVolumeSource,
  PersistentVolumeClaimVolumeSource,
  SecretVolumeSource,
} from './volume-sources.js';
import {
  AWSElasticBlockStoreVolumeSource,
  AzureDiskVolumeSource,
  AzureFileVolumeSource,
  CinderVolumeSource,
  FlexVolumeSource,
  GCEPersistentDiskVolumeSource,
  GitRepoVolumeSource,
  PhotonPersistentDiskVolumeSource,
  VsphereVirtualDiskVolumeSource,
} from './volume-sources-cloud.js';
import {
  CephFSVolumeSource,
  FCVolumeSource,
  FlockerVolumeSource,
  GlusterfsVolumeSource,
  ISCSIVolumeSource,
  NFSVolumeSource,
  PortworxVolumeSource,
  QuobyteVolumeSource,
  RBDVolumeSource,
  ScaleIOVolumeSource,
  StorageOSVolumeSource,
} from './volume-sources-network.js';

/** VolumeSource's fields with their protobuf numbers inside VolumeSource. */
const volumeSourceFields = {
  hostPath: field(1, HostPathVolumeSource),
  emptyDir: field(2, EmptyDirVolumeSource),
  gcePersistentDisk: field(3, GCEPersistentDiskVolumeSource),
  awsElasticBlockStore: field(4, AWSElasticBlockStoreVolumeSource),
  gitRepo: field(5, GitRepoVolumeSource),
  secret: field(6, SecretVolumeSource),
  nfs: field(7, NFSVolumeSource),
  iscsi: field(8, ISCSIVolumeSource),
  glusterfs: field(9, GlusterfsVolumeSource),
  persistentVolumeClaim: field(10, PersistentVolumeClaimVolumeSource),
  rbd: field(11, RBDVolumeSource),
  flexVolume: field(12, FlexVolumeSource),
  cinder: field(13, CinderVolumeSource),
  cephfs: field(14, CephFSVolumeSource),
  flocker: field(15, FlockerVolumeSource),
  downwardAPI: field(16, DownwardAPIVolumeSource),
  fc: field(17, FCVolumeSource),
  azureFile: field(18, AzureFileVolumeSource),
  configMap: field(19, ConfigMapVolumeSource),
  vsphereVolume: field(20, VsphereVirtualDiskVolumeSource),
  quobyte: field(21, QuobyteVolumeSource),
  azureDisk: field(22, AzureDiskVolumeSource),
  photonPersistentDisk: field(23, PhotonPersistentDiskVolumeSource),
  projected: field(26, ProjectedVolumeSource),
  portworxVolume: field(24, PortworxVolumeSource),
  scaleIO: field(25, ScaleIOVolumeSource),
  storageos: field(27, StorageOSVolumeSource),
  csi: field(28, CSIVolumeSource),
  ephemeral: field(29, EphemeralVolumeSource),
  image: field(30, ImageVolumeSource),
};

/** The JSON names of every volume source, in upstream's order of precedence for validation. */
export const VOLUME_SOURCE_NAMES = Object.keys(volumeSourceFields) as readonly (keyof typeof volumeSourceFields)[];

/** Volume embeds VolumeSource (protobuf field 2, `volumeSource`); JSON inlines its fields. */
export const Volume = struct(
  'io.k8s.api.core.v1.Volume',
  {
    name: field(1, str()),
    ...embedFields(2, volumeSourceFields),
  },
  { required: ['name'] },
);
export type Volume = Static<typeof Volume>;
