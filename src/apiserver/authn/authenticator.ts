import type { PeerCertificate } from 'node:tls';
import { unauthorized } from '../../machinery/status.js';

/** Who a request comes from, as authorization and audit see it (upstream's user.Info). */
export interface UserInfo {
  readonly name: string;
  readonly uid?: string;
  readonly groups: readonly string[];
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

/** Request headers as Node gives them, HTTP/1.1 or HTTP/2 (names lower-cased). */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** The parts of a request authenticators read. */
export interface AuthenticationRequest {
  readonly headers: RequestHeaders;
  /** The certificate the client presented in the TLS handshake, if any. */
  readonly clientCertificate?: PeerCertificate | undefined;
}

/** One way of establishing who sent a request (client certificate, bearer token, …). */
export interface Authenticator {
  /**
   * Identifies the sender of a request. Does not mutate the request.
   * @returns the user; undefined when the request carries no credential of the kind this authenticator reads.
   * @throws StatusError 401 Unauthorized when it carries such a credential and the credential is not valid.
   */
  authenticate(req: AuthenticationRequest): UserInfo | undefined;
}

/** Groups and users with a fixed meaning in Kubernetes. */
export const SystemGroup = {
  /** Every authenticated user is in it. */
  Authenticated: 'system:authenticated',
  /** Requests without credentials, when anonymous access is enabled. */
  Unauthenticated: 'system:unauthenticated',
  /** Bound to cluster-admin by RBAC's defaults. */
  Masters: 'system:masters',
} as const;
export type SystemGroup = (typeof SystemGroup)[keyof typeof SystemGroup];

/** The user with `system:authenticated` added to its groups (once). */
export function withAuthenticatedGroup(user: UserInfo): UserInfo {
  if (user.groups.includes(SystemGroup.Authenticated)) return user;
  return { ...user, groups: [...user.groups, SystemGroup.Authenticated] };
}

/**
 * Authenticates a request that must be authenticated.
 * @throws StatusError 401 Unauthorized when the request has no credentials or invalid ones.
 */
export function requireUser(authenticator: Authenticator, req: AuthenticationRequest): UserInfo {
  const user = authenticator.authenticate(req);
  if (user === undefined) throw unauthorized();
  return user;
}
