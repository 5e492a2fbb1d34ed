/**
 * Volume sources that pods and persistent volumes both use, with one definition each (upstream's
 * VolumeSource and PersistentVolumeSource share them). The Pod family declares the same definitions; the
 * two are meant to be merged into one.
 */
import { arrayOf, bool, int32, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';

export const HOST_PATH_TYPES = [
  '',
  'BlockDevice',
  'CharDevice',
  'Directory',
  'DirectoryOrCreate',
  'File',
  'FileOrCreate',
  'Socket',
] as const;

export const HostPathVolumeSource = struct(
  'io.k8s.api.core.v1.HostPathVolumeSource',
  {
    path: field(1, str()),
    type: field(2, str({ enum: HOST_PATH_TYPES }), { default: '' }),
  },
  { required: ['path'] },
);

export const NFSVolumeSource = struct(
  'io.k8s.api.core.v1.NFSVolumeSource',
  {
    server: field(1, str()),
    path: field(2, str()),
    readOnly: field(3, bool()),
  },
  { required: ['server', 'path'] },
);

export const AWSElasticBlockStoreVolumeSource = struct(
  'io.k8s.api.core.v1.AWSElasticBlockStoreVolumeSource',
  {
    volumeID: field(1, str()),
    fsType: field(2, str()),
    partition: field(3, int32()),
    readOnly: field(4, bool()),
  },
  { required: ['volumeID'] },
);

export const GCEPersistentDiskVolumeSource = struct(
  'io.k8s.api.core.v1.GCEPersistentDiskVolumeSource',
  {
    pdName: field(1, str()),
    fsType: field(2, str()),
    partition: field(3, int32()),
    readOnly: field(4, bool()),
  },
  { required: ['pdName'] },
);

export const FCVolumeSource = struct('io.k8s.api.core.v1.FCVolumeSource', {
  targetWWNs: field(1, arrayOf(str()), { listType: 'atomic' }),
  lun: field(2, int32()),
  fsType: field(3, str()),
  readOnly: field(4, bool()),
  wwids: field(5, arrayOf(str()), { listType: 'atomic' }),
});

export const FlockerVolumeSource = struct('io.k8s.api.core.v1.FlockerVolumeSource', {
  datasetName: field(1, str()),
  datasetUUID: field(2, str()),
});

export const VsphereVirtualDiskVolumeSource = struct(
  'io.k8s.api.core.v1.VsphereVirtualDiskVolumeSource',
  {
    volumePath: field(1, str()),
    fsType: field(2, str()),
    storagePolicyName: field(3, str()),
    storagePolicyID: field(4, str()),
  },
  { required: ['volumePath'] },
);

export const QuobyteVolumeSource = struct(
  'io.k8s.api.core.v1.QuobyteVolumeSource',
  {
    registry: field(1, str()),
    volume: field(2, str()),
    readOnly: field(3, bool()),
    user: field(4, str()),
    group: field(5, str()),
    tenant: field(6, str()),
  },
  { required: ['registry', 'volume'] },
);

export const AzureDiskVolumeSource = struct(
  'io.k8s.api.core.v1.AzureDiskVolumeSource',
  {
    diskName: field(1, str()),
    diskURI: field(2, str()),
    cachingMode: field(3, str({ enum: ['None', 'ReadOnly', 'ReadWrite'] }), { default: 'ReadWrite' }),
    fsType: field(4, str(), { default: 'ext4' }),
    readOnly: field(5, bool(), { default: false }),
    kind: field(6, str({ enum: ['Dedicated', 'Managed', 'Shared'] }), { default: 'Shared' }),
  },
  { required: ['diskName', 'diskURI'] },
);

export const PhotonPersistentDiskVolumeSource = struct(
  'io.k8s.api.core.v1.PhotonPersistentDiskVolumeSource',
  {
    pdID: field(1, str()),
    fsType: field(2, str()),
  },
  { required: ['pdID'] },
);

export const PortworxVolumeSource = struct(
  'io.k8s.api.core.v1.PortworxVolumeSource',
  {
    volumeID: field(1, str()),
    fsType: field(2, str()),
    readOnly: field(3, bool()),
  },
  { required: ['volumeID'] },
);
