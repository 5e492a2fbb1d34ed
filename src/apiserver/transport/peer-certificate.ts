import type { PeerCertificate, TLSSocket } from 'node:tls';
import type { AuthenticationRequest } from '../authn/authenticator.js';
import type { HttpRequest } from './http-types.js';

/**
 * The certificate the client presented in the TLS handshake, for HTTP/1.1 and HTTP/2 requests alike
 * (for HTTP/2 it belongs to the session the stream runs on); undefined when the client sent none or the
 * connection is gone.
 */
export function peerCertificate(req: HttpRequest): PeerCertificate | undefined {
  const socket: unknown = 'stream' in req ? req.stream.session?.socket : req.socket;
  const tls = socket as Partial<TLSSocket> | undefined;
  if (typeof tls?.getPeerCertificate !== 'function') return undefined;
  const cert = tls.getPeerCertificate();
  // Node answers `{}` (or null once the socket is closed) when there is no certificate.
  return cert !== null && cert.raw !== undefined && cert.raw.length > 0 ? cert : undefined;
}

/** What authenticators read from a request: its headers and its client certificate. */
export function authenticationRequestOf(req: HttpRequest): AuthenticationRequest {
  return { headers: req.headers, clientCertificate: peerCertificate(req) };
}
