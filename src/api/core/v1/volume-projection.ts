/** The projected volume: several API sources (secrets, config maps, downward API, tokens…) in one directory. */
import { arrayOf, bool, int32, int64, str, stringMap } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { LabelSelector } from '../../meta/v1/object-meta.js';
import { embeddedField } from './embedded-field.js';
import { DEFAULT_FILE_MODE, DownwardAPIVolumeFile, KeyToPath } from './volume-sources.js';

export const SecretProjection = struct('io.k8s.api.core.v1.SecretProjection', {
  name: embeddedField(1, 1, str()),
  items: field(2, arrayOf(KeyToPath), { listType: 'atomic' }),
  optional: field(4, bool()),
});

export const ConfigMapProjection = struct('io.k8s.api.core.v1.ConfigMapProjection', {
  name: embeddedField(1, 1, str()),
  items: field(2, arrayOf(KeyToPath), { listType: 'atomic' }),
  optional: field(4, bool()),
});

export const DownwardAPIProjection = struct('io.k8s.api.core.v1.DownwardAPIProjection', {
  items: field(1, arrayOf(DownwardAPIVolumeFile), { listType: 'atomic' }),
});

export const ServiceAccountTokenProjection = struct(
  'io.k8s.api.core.v1.ServiceAccountTokenProjection',
  {
    audience: field(1, str()),
    expirationSeconds: field(2, int64(), { default: 3600 }),
    path: field(3, str()),
  },
  { required: ['path'] },
);

export const ClusterTrustBundleProjection = struct(
  'io.k8s.api.core.v1.ClusterTrustBundleProjection',
  {
    name: field(1, str()),
    signerName: field(2, str()),
    labelSelector: field(3, LabelSelector),
    optional: field(5, bool()),
    path: field(4, str()),
  },
  { required: ['path'] },
);

export const PodCertificateProjection = struct(
  'io.k8s.api.core.v1.PodCertificateProjection',
  {
    signerName: field(1, str()),
    keyType: field(2, str()),
    maxExpirationSeconds: field(3, int32()),
    credentialBundlePath: field(4, str()),
    keyPath: field(5, str()),
    certificateChainPath: field(6, str()),
    userAnnotations: field(7, stringMap()),
  },
  { required: ['signerName', 'keyType'] },
);

/** One source of a projected volume; exactly one field is set. */
export const VolumeProjection = struct('io.k8s.api.core.v1.VolumeProjection', {
  secret: field(1, SecretProjection),
  downwardAPI: field(2, DownwardAPIProjection),
  configMap: field(3, ConfigMapProjection),
  serviceAccountToken: field(4, ServiceAccountTokenProjection),
  clusterTrustBundle: field(5, ClusterTrustBundleProjection),
  podCertificate: field(6, PodCertificateProjection),
});

export const ProjectedVolumeSource = struct('io.k8s.api.core.v1.ProjectedVolumeSource', {
  sources: field(1, arrayOf(VolumeProjection), { listType: 'atomic' }),
  defaultMode: field(2, int32(), { default: DEFAULT_FILE_MODE }),
});
