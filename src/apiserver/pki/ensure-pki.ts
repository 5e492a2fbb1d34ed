import { createPublicKey, type KeyObject, type X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { createCertificate, type CertificateTemplate } from './certificate-builder.js';
import { generateKeyPair, samePublicKey } from './key-pair.js';
import { loadCertificate, loadPrivateKey, loadPublicKey, PkiFile } from './pki-files.js';
import { PkiError } from './pki-error.js';
import { ensurePrivateDir, writePrivateFile } from './private-files.js';
import { missingNames, servingNames } from './serving-names.js';
import { ExtKeyUsage } from './x509-extensions.js';

export const CA_COMMON_NAME = 'skiff-ca';
export const SERVING_COMMON_NAME = 'skiff-apiserver';
export const ADMIN_COMMON_NAME = 'skiff-admin';
/** The group RBAC's default cluster-admin binding names: the admin's certificate carries it, as kubeadm's does. */
export const ADMIN_ORGANIZATION = 'system:masters';

const DAY_MS = 24 * 60 * 60 * 1000;
const CA_VALIDITY_DAYS = 3650;
const LEAF_VALIDITY_DAYS = 365;
/** Leaf certificates closer than this to expiry are reissued at start. */
const RENEW_BEFORE_DAYS = 30;
/** Backdating covers clients whose clocks run a little behind. */
const BACKDATE_MS = 5 * 60 * 1000;

export interface PkiOptions {
  /** Extra DNS names and IPs the serving certificate must cover (beyond loopback, hostname and kubernetes.*). */
  readonly hosts: readonly string[];
  /** The machine's hostname (default: `os.hostname()`). */
  readonly hostname?: string;
  /** The clock (tests inject one). */
  readonly now?: () => Date;
}

/** A certificate with its private key, as PEM and parsed. */
export interface CertifiedKey {
  readonly certPem: string;
  readonly keyPem: string;
  readonly certificate: X509Certificate;
  readonly privateKey: KeyObject;
}

/** The key pair service-account tokens are signed (sa.key) and verified (sa.pub) with. */
export interface ServiceAccountKeys {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export const PkiPart = { Ca: 'ca', Serving: 'serving', Admin: 'admin', ServiceAccount: 'service-account' } as const;
export type PkiPart = (typeof PkiPart)[keyof typeof PkiPart];

/** The cluster's identity material, as found or created in `DATA_DIR/pki/`. */
export interface Pki {
  readonly dir: string;
  readonly ca: CertifiedKey;
  readonly serving: CertifiedKey;
  readonly admin: CertifiedKey;
  readonly serviceAccount: ServiceAccountKeys;
  /** What this call (re)generated; empty when everything on disk was reused. */
  readonly generated: readonly PkiPart[];
}

/**
 * Loads the PKI from `DATA_DIR/pki/`, creating what is missing: the CA (CN skiff-ca, 10 years), the API
 * server's serving certificate, the admin client certificate (CN skiff-admin, O system:masters) and the
 * service-account key pair. The folder is 0700 and every file 0600.
 *
 * Later calls reuse the files. Leaf certificates are reissued when they are missing, expire within 30 days,
 * were not issued by the current CA or do not match their key; the serving one also when its SANs miss a
 * requested name. The CA and the service-account keys are never replaced once they exist.
 *
 * @throws PkiError when a file is unreadable or corrupt, when only one half of the CA or service-account
 *   pair exists, or when the CA is not a usable CA (not a CA, wrong key, expired). The message names the file
 *   and how to recover.
 */
export function ensurePki(dataDir: string, options: PkiOptions): Pki {
  const now = options.now?.() ?? new Date();
  const dir = join(dataDir, 'pki');
  ensurePrivateDir(dir);
  const generated: PkiPart[] = [];

  let ca = loadCa(dir, now);
  if (ca === undefined) {
    ca = issue(dir, PkiFile.CaCert, PkiFile.CaKey, undefined, (publicKey) => ({
      commonName: CA_COMMON_NAME,
      publicKey,
      isCa: true,
      ...validity(now, CA_VALIDITY_DAYS),
    }));
    generated.push(PkiPart.Ca);
  }

  const names = servingNames(options.hosts, options.hostname);
  const servingTemplate = (publicKey: KeyObject): CertificateTemplate => ({
    commonName: SERVING_COMMON_NAME,
    publicKey,
    extKeyUsages: [ExtKeyUsage.ServerAuth],
    subjectAltNames: names,
    ...validity(now, LEAF_VALIDITY_DAYS),
  });
  let serving = loadLeaf(dir, PkiFile.ServingCert, PkiFile.ServingKey, ca, now);
  if (serving === undefined || missingNames(serving.certificate, names).length > 0) {
    serving = issue(dir, PkiFile.ServingCert, PkiFile.ServingKey, ca, servingTemplate);
    generated.push(PkiPart.Serving);
  }

  let admin = loadLeaf(dir, PkiFile.AdminCert, PkiFile.AdminKey, ca, now);
  if (admin === undefined) {
    admin = issue(dir, PkiFile.AdminCert, PkiFile.AdminKey, ca, (publicKey) => ({
      commonName: ADMIN_COMMON_NAME,
      organizations: [ADMIN_ORGANIZATION],
      publicKey,
      extKeyUsages: [ExtKeyUsage.ClientAuth],
      ...validity(now, LEAF_VALIDITY_DAYS),
    }));
    generated.push(PkiPart.Admin);
  }

  const serviceAccount = ensureServiceAccountKeys(dir, generated);
  return { dir, ca, serving, admin, serviceAccount, generated };
}

function validity(now: Date, days: number): { notBefore: Date; notAfter: Date } {
  return { notBefore: new Date(now.getTime() - BACKDATE_MS), notAfter: new Date(now.getTime() + days * DAY_MS) };
}

/** Generates a key, certifies it (self-signed when `ca` is undefined) and writes both files. */
function issue(
  dir: string,
  certFile: PkiFile,
  keyFile: PkiFile,
  ca: CertifiedKey | undefined,
  template: (publicKey: KeyObject) => CertificateTemplate,
): CertifiedKey {
  const keys = generateKeyPair();
  const certificate = createCertificate(template(keys.publicKey), {
    privateKey: ca?.privateKey ?? keys.privateKey,
    ...(ca === undefined ? {} : { certificate: ca.certificate }),
  });
  const certPem = certificate.toString();
  // The key first: after a crash in between, the next start reissues a leaf pair, and for the CA stops with
  // an error naming the key without a certificate (it cannot tell a half-written CA from a damaged one).
  writePrivateFile(join(dir, keyFile), keys.privateKeyPem);
  writePrivateFile(join(dir, certFile), certPem);
  return { certPem, keyPem: keys.privateKeyPem, certificate, privateKey: keys.privateKey };
}

const CA_REMEDY =
  'Skiff never replaces a CA on its own: restore the file, or remove both ca.crt and ca.key to create a new CA ' +
  '(every certificate and kubeconfig the old one signed stops working)';

/** Loads the CA, or returns undefined when neither file exists. */
function loadCa(dir: string, now: Date): CertifiedKey | undefined {
  const cert = loadCertificate(dir, PkiFile.CaCert, CA_REMEDY);
  const key = loadPrivateKey(dir, PkiFile.CaKey, CA_REMEDY);
  if (cert === undefined && key === undefined) return undefined;
  if (cert === undefined || key === undefined) {
    const [present, missing] = cert === undefined ? [key!.path, PkiFile.CaCert] : [cert.path, PkiFile.CaKey];
    throw new PkiError(present, `${present} exists but ${missing} does not; ${CA_REMEDY}`);
  }
  if (!cert.value.ca) throw new PkiError(cert.path, `${cert.path} is not a CA certificate; ${CA_REMEDY}`);
  if (!cert.value.checkPrivateKey(key.value)) {
    throw new PkiError(key.path, `${key.path} is not the key of ${cert.path}; ${CA_REMEDY}`);
  }
  if (Date.parse(cert.value.validTo) <= now.getTime()) {
    throw new PkiError(cert.path, `${cert.path} expired on ${cert.value.validTo}; ${CA_REMEDY}`);
  }
  return { certPem: cert.pem, keyPem: key.pem, certificate: cert.value, privateKey: key.value };
}

/** Loads a leaf certificate and key, or returns undefined when they are missing or due for reissue. */
function loadLeaf(
  dir: string,
  certFile: PkiFile,
  keyFile: PkiFile,
  ca: CertifiedKey,
  now: Date,
): CertifiedKey | undefined {
  const remedy = `remove ${certFile} and ${keyFile} to have Skiff issue new ones`;
  const cert = loadCertificate(dir, certFile, remedy);
  const key = loadPrivateKey(dir, keyFile, remedy);
  if (cert === undefined || key === undefined) return undefined;
  const fresh =
    cert.value.checkIssued(ca.certificate) &&
    cert.value.verify(ca.certificate.publicKey) &&
    cert.value.checkPrivateKey(key.value) &&
    Date.parse(cert.value.validTo) - now.getTime() > RENEW_BEFORE_DAYS * DAY_MS;
  if (!fresh) return undefined;
  return { certPem: cert.pem, keyPem: key.pem, certificate: cert.value, privateKey: key.value };
}

const SA_REMEDY =
  'Skiff never replaces the service-account keys on its own: restore the file, or remove both sa.key and sa.pub ' +
  'to create new ones (every service-account token issued so far stops working)';

function ensureServiceAccountKeys(dir: string, generated: PkiPart[]): ServiceAccountKeys {
  const key = loadPrivateKey(dir, PkiFile.ServiceAccountKey, SA_REMEDY);
  const pub = loadPublicKey(dir, PkiFile.ServiceAccountPublicKey, SA_REMEDY);
  if (key === undefined) {
    if (pub !== undefined) throw new PkiError(pub.path, `${pub.path} exists but sa.key does not; ${SA_REMEDY}`);
    const keys = generateKeyPair();
    writePrivateFile(join(dir, PkiFile.ServiceAccountKey), keys.privateKeyPem);
    writePrivateFile(join(dir, PkiFile.ServiceAccountPublicKey), keys.publicKeyPem);
    generated.push(PkiPart.ServiceAccount);
    return keys;
  }
  const derived = createPublicKey(key.value);
  if (pub !== undefined && !samePublicKey(pub.value, derived)) {
    throw new PkiError(pub.path, `${pub.path} is not the public half of ${key.path}; ${SA_REMEDY}`);
  }
  const publicKeyPem = pub?.pem ?? derived.export({ type: 'spki', format: 'pem' }).toString();
  if (pub === undefined) writePrivateFile(join(dir, PkiFile.ServiceAccountPublicKey), publicKeyPem);
  return { privateKeyPem: key.pem, publicKeyPem, privateKey: key.value, publicKey: derived };
}
