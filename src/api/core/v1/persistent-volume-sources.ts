/**
 * Volume sources only persistent volumes use: the `*PersistentVolumeSource` variants, which reference
 * secrets in any namespace (SecretReference) where the pod variants use LocalObjectReference.
 */
import { arrayOf, bool, int32, str, stringMap } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { ObjectReference, SecretReference } from './references.js';

export const GlusterfsPersistentVolumeSource = struct(
  'io.k8s.api.core.v1.GlusterfsPersistentVolumeSource',
  {
    endpoints: field(1, str()),
    path: field(2, str()),
    readOnly: field(3, bool()),
    endpointsNamespace: field(4, str()),
  },
  { required: ['endpoints', 'path'] },
);

export const RBDPersistentVolumeSource = struct(
  'io.k8s.api.core.v1.RBDPersistentVolumeSource',
  {
    monitors: field(1, arrayOf(str()), { listType: 'atomic' }),
    image: field(2, str()),
    fsType: field(3, str()),
    pool: field(4, str(), { default: 'rbd' }),
    user: field(5, str(), { default: 'admin' }),
    keyring: field(6, str(), { default: '/etc/ceph/keyring' }),
    secretRef: field(7, SecretReference),
    readOnly: field(8, bool()),
  },
  { required: ['monitors', 'image'] },
);

export const ISCSIPersistentVolumeSource = struct(
  'io.k8s.api.core.v1.ISCSIPersistentVolumeSource',
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
    secretRef: field(10, SecretReference),
    initiatorName: field(12, str()),
  },
  { required: ['targetPortal', 'iqn', 'lun'] },
);

export const CinderPersistentVolumeSource = struct(
  'io.k8s.api.core.v1.CinderPersistentVolumeSource',
  {
    volumeID: field(1, str()),
    fsType: field(2, str()),
    readOnly: field(3, bool()),
    secretRef: field(4, SecretReference),
  },
  { required: ['volumeID'] },
);

export const CephFSPersistentVolumeSource = struct(
  'io.k8s.api.core.v1.CephFSPersistentVolumeSource',
  {
    monitors: field(1, arrayOf(str()), { listType: 'atomic' }),
    path: field(2, str()),
    user: field(3, str()),
    secretFile: field(4, str()),
    secretRef: field(5, SecretReference),
    readOnly: field(6, bool()),
  },
  { required: ['monitors'] },
);

export const FlexPersistentVolumeSource = struct(
  'io.k8s.api.core.v1.FlexPersistentVolumeSource',
  {
    driver: field(1, str()),
    fsType: field(2, str()),
    secretRef: field(3, SecretReference),
    readOnly: field(4, bool()),
    options: field(5, stringMap()),
  },
  { required: ['driver'] },
);

export const AzureFilePersistentVolumeSource = struct(
  'io.k8s.api.core.v1.AzureFilePersistentVolumeSource',
  {
    secretName: field(1, str()),
    shareName: field(2, str()),
    readOnly: field(3, bool()),
    secretNamespace: field(4, str()),
  },
  { required: ['secretName', 'shareName'] },
);

export const ScaleIOPersistentVolumeSource = struct(
  'io.k8s.api.core.v1.ScaleIOPersistentVolumeSource',
  {
    gateway: field(1, str()),
    system: field(2, str()),
    secretRef: field(3, SecretReference),
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

export const LocalVolumeSource = struct(
  'io.k8s.api.core.v1.LocalVolumeSource',
  {
    path: field(1, str()),
    fsType: field(2, str()),
  },
  { required: ['path'] },
);

export const StorageOSPersistentVolumeSource = struct('io.k8s.api.core.v1.StorageOSPersistentVolumeSource', {
  volumeName: field(1, str()),
  volumeNamespace: field(2, str()),
  fsType: field(3, str()),
  readOnly: field(4, bool()),
  secretRef: field(5, ObjectReference),
});

export const CSIPersistentVolumeSource = struct(
  'io.k8s.api.core.v1.CSIPersistentVolumeSource',
  {
    driver: field(1, str()),
    volumeHandle: field(2, str()),
    readOnly: field(3, bool()),
    fsType: field(4, str()),
    volumeAttributes: field(5, stringMap()),
    controllerPublishSecretRef: field(6, SecretReference),
    nodeStageSecretRef: field(7, SecretReference),
    nodePublishSecretRef: field(8, SecretReference),
    controllerExpandSecretRef: field(9, SecretReference),
    nodeExpandSecretRef: field(10, SecretReference),
  },
  { required: ['driver', 'volumeHandle'] },
);
