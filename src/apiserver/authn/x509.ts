import { createHash, X509Certificate } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';
import { unauthorized } from '../../machinery/status.js';
import {
  type AuthenticationRequest,
  type Authenticator,
  type UserInfo,
  withAuthenticatedGroup,
} from './authenticator.js';

const EKU_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const EKU_ANY = '2.5.29.37.0';
/** Verified certificates remembered per authenticator: parsing and verifying one costs ~0.4 ms. */
const CACHE_LIMIT = 1024;

export interface X509AuthenticatorOptions {
  /** The CA certificates (PEM, one or several concatenated) client certificates must be issued by. */
  readonly caPem: string;
  /** The clock (tests inject one). */
  readonly now?: () => Date;
}

interface Verified {
  readonly user: UserInfo | undefined;
  readonly notBefore: number;
  readonly notAfter: number;
}

/**
 * Client certificates issued by a trusted CA (upstream's x509 request authenticator with its
 * CommonNameUserConversion): the user is the subject's CN, the groups are its O values. The certificate
 * must be within its validity period and usable for client authentication (clientAuth or anyExtendedKeyUsage
 * in extKeyUsage, or no extKeyUsage at all). Only certificates signed directly by one of the CAs are
 * accepted: intermediates are not followed.
 */
export class X509Authenticator implements Authenticator {
  private readonly roots: readonly X509Certificate[];
  private readonly now: () => Date;
  private readonly verified = new Map<string, Verified>();
  /** The same, by the very buffer: a connection presents one buffer for all its requests (no hashing). */
  private readonly verifiedBuffers = new WeakMap<Buffer, Verified>();

  /** @throws Error when `caPem` holds no certificate or a malformed one. */
  constructor(options: X509AuthenticatorOptions) {
    const blocks = options.caPem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
    if (blocks.length === 0) throw new Error('no CA certificate given for client certificate authentication');
    this.roots = blocks.map((pem) => new X509Certificate(pem));
    this.now = options.now ?? (() => new Date());
  }

  /**
   * @returns the certificate's user (with `system:authenticated`); undefined when the client sent no
   *   certificate or one without a common name (as upstream).
   * @throws StatusError 401 when the certificate is not valid now, not for client authentication, or not
   *   issued by a trusted CA.
   */
  authenticate(req: AuthenticationRequest): UserInfo | undefined {
    const raw = presentedCertificate(req.clientCertificate);
    if (raw === undefined) return undefined;
    let entry = this.verifiedBuffers.get(raw);
    if (entry === undefined) {
      const key = createHash('sha256').update(raw).digest('base64');
      entry = this.verified.get(key);
      if (entry === undefined) {
        entry = this.verify(raw);
        if (this.verified.size >= CACHE_LIMIT) this.verified.clear();
        this.verified.set(key, entry);
      }
      this.verifiedBuffers.set(raw, entry);
    }
    const now = this.now().getTime();
    if (now < entry.notBefore || now > entry.notAfter) throw unauthorized();
    return entry.user;
  }

  /** Checks everything that does not depend on the time, and reads the user. */
  private verify(raw: Buffer): Verified {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(raw);
    } catch {
      throw unauthorized();
    }
    const usages = cert.keyUsage; // Node names the extKeyUsage OIDs so; undefined without the extension
    if (usages !== undefined && !usages.includes(EKU_CLIENT_AUTH) && !usages.includes(EKU_ANY)) throw unauthorized();
    const issuer = this.roots.find((root) => cert.checkIssued(root) && cert.verify(root.publicKey));
    if (issuer === undefined) throw unauthorized();
    return {
      user: userOf(cert),
      notBefore: Date.parse(cert.validFrom),
      notAfter: Date.parse(cert.validTo),
    };
  }
}

/** The DER of the client's certificate, or undefined when there is none (Node gives `{}` then). */
function presentedCertificate(peer: PeerCertificate | undefined): Buffer | undefined {
  const raw = (peer as Partial<PeerCertificate> | undefined)?.raw;
  return raw !== undefined && raw.length > 0 ? raw : undefined;
}

/** CN → name (the last CN if several, as Go reads it), O values → groups; undefined without a CN. */
function userOf(cert: X509Certificate): UserInfo | undefined {
  const subject = cert.toLegacyObject().subject as unknown as Record<string, string | string[] | undefined>;
  const values = (attr: string): string[] => {
    const value = subject[attr];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  };
  const name = values('CN').at(-1);
  if (name === undefined || name === '') return undefined;
  return withAuthenticatedGroup({ name, groups: values('O') });
}
