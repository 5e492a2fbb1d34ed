/** The API server's PKI: CA, serving and admin certificates, service-account keys, the admin kubeconfig. */
export {
  ADMIN_COMMON_NAME,
  ADMIN_ORGANIZATION,
  CA_COMMON_NAME,
  type CertifiedKey,
  ensurePki,
  type Pki,
  type PkiOptions,
  PkiPart,
  SERVING_COMMON_NAME,
  type ServiceAccountKeys,
} from './ensure-pki.js';
export { kubeconfigDocument, type KubeconfigOptions, writeKubeconfig } from './kubeconfig.js';
export { PkiFile } from './pki-files.js';
export { PkiError } from './pki-error.js';
export { DEFAULT_SERVING_NAMES, KUBERNETES_SERVICE_IP, servingNames } from './serving-names.js';
