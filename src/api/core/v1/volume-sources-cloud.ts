/** Volume sources of cloud providers and plugins (most now redirected to CSI drivers upstream). */
import { bool, str, stringMap } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { LocalObjectReference } from './object-reference.js';

/** Shared with PersistentVolume's sources: one definition each. */
export {
  AWSElasticBlockStoreVolumeSource,
  AzureDiskVolumeSource,
  GCEPersistentDiskVolumeSource,
  PhotonPersistentDiskVolumeSource,
  VsphereVirtualDiskVolumeSource,
} from './volume-sources-shared.js';

export const GitRepoVolumeSource = struct(
  'io.k8s.api.core.v1.GitRepoVolumeSource',
  {
    repository: field(1, str()),
    revision: field(2, str()),
    directory: field(3, str()),
  },
  { required: ['repository'] },
);

export const FlexVolumeSource = struct(
  'io.k8s.api.core.v1.FlexVolumeSource',
  {
    driver: field(1, str()),
    fsType: field(2, str()),
    secretRef: field(3, LocalObjectReference),
    readOnly: field(4, bool()),
    options: field(5, stringMap()),
  },
  { required: ['driver'] },
);

export const CinderVolumeSource = struct(
  'io.k8s.api.core.v1.CinderVolumeSource',
  {
    volumeID: field(1, str()),
    fsType: field(2, str()),
    readOnly: field(3, bool()),
    secretRef: field(4, LocalObjectReference),
  },
  { required: ['volumeID'] },
);

export const AzureFileVolumeSource = struct(
  'io.k8s.api.core.v1.AzureFileVolumeSource',
  {
    secretName: field(1, str()),
    shareName: field(2, str()),
    readOnly: field(3, bool()),
  },
  { required: ['secretName', 'shareName'] },
);
