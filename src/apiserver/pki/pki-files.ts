import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { PkiError } from './pki-error.js';
import { readOptionalFile } from './private-files.js';

/** File names inside `DATA_DIR/pki/`, as kubeadm names them in /etc/kubernetes/pki. */
export const PkiFile = {
  CaCert: 'ca.crt',
  CaKey: 'ca.key',
  ServingCert: 'apiserver.crt',
  ServingKey: 'apiserver.key',
  AdminCert: 'admin.crt',
  AdminKey: 'admin.key',
  ServiceAccountKey: 'sa.key',
  ServiceAccountPublicKey: 'sa.pub',
} as const;
export type PkiFile = (typeof PkiFile)[keyof typeof PkiFile];

/** A PEM file read from the PKI folder, parsed. */
export interface Loaded<T> {
  readonly path: string;
  readonly pem: string;
  readonly value: T;
}

/** What to tell the operator when a file is corrupt: how to recover without losing anything by accident. */
export type Remedy = string;

function load<T>(
  dir: string,
  file: PkiFile,
  what: string,
  parse: (pem: string) => T,
  remedy: Remedy,
): Loaded<T> | undefined {
  const path = join(dir, file);
  const pem = readOptionalFile(path);
  if (pem === undefined) return undefined;
  try {
    return { path, pem, value: parse(pem) };
  } catch (err) {
    throw new PkiError(path, `${path} is not a valid PEM ${what} (${(err as Error).message}); ${remedy}`, {
      cause: err,
    });
  }
}

/**
 * Reads and parses a certificate, or returns undefined when the file does not exist.
 * @throws PkiError when it cannot be read or parsed; the message ends with `remedy`.
 */
export const loadCertificate = (dir: string, file: PkiFile, remedy: Remedy): Loaded<X509Certificate> | undefined =>
  load(dir, file, 'certificate', (pem) => new X509Certificate(pem), remedy);

/** Like {@link loadCertificate}, for a private key (PKCS#8, PKCS#1 or SEC1). */
export const loadPrivateKey = (dir: string, file: PkiFile, remedy: Remedy): Loaded<KeyObject> | undefined =>
  load(dir, file, 'private key', (pem) => createPrivateKey(pem), remedy);

/** Like {@link loadCertificate}, for a public key (SPKI or PKCS#1). */
export const loadPublicKey = (dir: string, file: PkiFile, remedy: Remedy): Loaded<KeyObject> | undefined =>
  load(dir, file, 'public key', (pem) => createPublicKey(pem), remedy);
