import { sign, type KeyObject } from 'node:crypto';

/** How a certificate is signed with a given issuer key: the AlgorithmIdentifier and the signing call. */
export interface SignatureAlgorithm {
  /** The signature algorithm OID written into the certificate. */
  readonly oid: string;
  /** Whether the AlgorithmIdentifier carries an explicit NULL parameter (RSA does, ECDSA and EdDSA do not). */
  readonly nullParameters: boolean;
  /** Signs the DER-encoded TBSCertificate. */
  sign(tbsDer: Buffer): Buffer;
}

const ECDSA_BY_CURVE: Readonly<Record<string, { oid: string; hash: string }>> = {
  prime256v1: { oid: '1.2.840.10045.4.3.2', hash: 'sha256' },
  secp384r1: { oid: '1.2.840.10045.4.3.3', hash: 'sha384' },
  secp521r1: { oid: '1.2.840.10045.4.3.4', hash: 'sha512' },
};

/**
 * Picks the signature algorithm for an issuer key: sha256WithRSAEncryption for RSA, ECDSA with the hash
 * matching the curve, Ed25519 as is. Skiff generates P-256 keys; the others let an operator bring an
 * existing CA (kubeadm's is RSA).
 * @throws Error for key types certificates cannot be signed with here (DSA, RSA-PSS, X25519, …).
 */
export function signatureAlgorithmFor(key: KeyObject): SignatureAlgorithm {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { oid: '1.2.840.113549.1.1.11', nullParameters: true, sign: (tbs) => sign('sha256', tbs, key) };
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
      const ecdsa = ECDSA_BY_CURVE[curve];
      if (ecdsa === undefined) throw new Error(`unsupported elliptic curve ${JSON.stringify(curve)} for a CA key`);
      return { oid: ecdsa.oid, nullParameters: false, sign: (tbs) => sign(ecdsa.hash, tbs, key) };
    }
    case 'ed25519':
      return { oid: '1.3.101.112', nullParameters: false, sign: (tbs) => sign(null, tbs, key) };
    default:
      throw new Error(`unsupported key type ${JSON.stringify(key.asymmetricKeyType)} for a CA key`);
  }
}
