/** Volume sources served over the network by storage systems (NFS, iSCSI, Ceph, Gluster, …). */
import { arrayOf, bool, int32, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { LocalObjectReference } from './object-reference.js';

/** Shared with PersistentVolume's sources: one definition each. */
export {
  FCVolumeSource,
  FlockerVolumeSource,
  NFSVolumeSource,
  PortworxVolumeSource,
  QuobyteVolumeSource,
} from './volume-sources-shared.js';

export const ISCSIVolumeSource = struct(
  'io.k8s.api.core.v1.ISCSIVolumeSource',
  {
    targetPortal: field(1, str()),
    iqn: field(2, str()),
    lun: field(3, int32()),
    iscsiInterface: field(4, str(), { default: 'default' }),
    fsType: field(5, str()),
    readOnly: field(6, bool()),
    portals: field(7, arrayOf(str()), { listType: 'atomic' }),
    chapAuthDiscovery: field(8, bool()),
    chapAuthSession: field(11, bool()),
    secretRef: field(10, LocalObjectReference),
    initiatorName: field(12, str()),
  },
  { required: ['targetPortal', 'iqn', 'lun'] },
);

export const GlusterfsVolumeSource = struct(
  'io.k8s.api.core.v1.GlusterfsVolumeSource',
  {
    endpoints: field(1, str()),
    path: field(2, str()),
    readOnly: field(3, bool()),
  },
  { required: ['endpoints', 'path'] },
);

export const RBDVolumeSource = struct(
  'io.k8s.api.core.v1.RBDVolumeSource',
  {
    monitors: field(1, arrayOf(str()), { listType: 'atomic' }),
    image: field(2, str()),
    fsType: field(3, str()),
    pool: field(4, str(), { default: 'rbd' }),
    user: field(5, str(), { default: 'admin' }),
    keyring: field(6, str(), { default: '/etc/ceph/keyring' }),
    secretRef: field(7, LocalObjectReference),
    readOnly: field(8, bool()),
  },
  { required: ['monitors', 'image'] },
);

export const CephFSVolumeSource = struct(
  'io.k8s.api.core.v1.CephFSVolumeSource',
  {
    monitors: field(1, arrayOf(str()), { listType: 'atomic' }),
    path: field(2, str()),
    user: field(3, str()),
    secretFile: field(4, str()),
    secretRef: field(5, LocalObjectReference),
    readOnly: field(6, bool()),
  },
  { required: ['monitors'] },
);

export const StorageOSVolumeSource = struct('io.k8s.api.core.v1.StorageOSVolumeSource', {
  volumeName: field(1, str()),
  volumeNamespace: field(2, str()),
  fsType: field(3, str()),
  readOnly: field(4, bool()),
  secretRef: field(5, LocalObjectReference),
});

export const ScaleIOVolumeSource = struct(
  'io.k8s.api.core.v1.ScaleIOVolumeSource',
  {
    gateway: field(1, str()),
    system: field(2, str()),
    secretRef: field(3, LocalObjectReference),
    sslEnabled: field(4, bool()),
    protectionDomain: field(5, str()),
    storagePool: field(6, str()),
    storageMode: field(7, str(), { default: 'ThinProvisioned' }),
    volumeName: field(8, str()),
    fsType: field(9, str(), { default: 'xfs' }),
    readOnly: field(10, bool()),
  },
  { required: ['gateway', 'system', 'secretRef'] },
);
