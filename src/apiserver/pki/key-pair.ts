import { generateKeyPairSync, type KeyObject } from 'node:crypto';

/** A private key with its public half, as Node key objects and as PEM (PKCS#8 / SPKI). */
export interface KeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

/**
 * Generates an ECDSA P-256 key pair. P-256 rather than RSA: generation takes well under a millisecond
 * (RSA 2048 takes ~100 ms each), TLS handshakes are cheaper, and kubectl, Go and OpenSSL all accept it.
 */
export function generateKeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return keyPairOf(privateKey, publicKey);
}

/** Wraps existing key objects, exporting both halves as PEM. */
export function keyPairOf(privateKey: KeyObject, publicKey: KeyObject): KeyPair {
  return {
    privateKey,
    publicKey,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Whether two public keys are the same key (compared by their SPKI encoding). */
export function samePublicKey(a: KeyObject, b: KeyObject): boolean {
  return a.export({ type: 'spki', format: 'der' }).equals(b.export({ type: 'spki', format: 'der' }));
}
