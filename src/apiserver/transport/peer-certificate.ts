import type { PeerCertificate, TLSSocket } from 'node:tls';
import type { AuthenticationRequest } from '../authn/authenticator.js';
import type { HttpRequest } from './http-types.js';

/**
 * The certificate the client presented in the TLS handshake, for HTTP/1.1 and HTTP/2 requests alike
 * (for HTTP/2 it belongs to the session the stream runs on); undefined when the client sent none or the
 * connection is gone.
 */
export function peerCertificate(req: HttpRequest): PeerCertificate | undefined {
  const tls = req.socket as Partial<TLSSocket> | undefined;
  if (tls === undefined || typeof tls.getPeerCertificate !== 'function') return undefined;
  const known = readCertificates.get(tls);
  if (known !== undefined) return known === NONE ? undefined : known;
  const cert = tls.getPeerCertificate();
  // Node answers `{}` (or null once the socket is closed) when there is no certificate.
  if (cert === null) return undefined;
  const presented = cert.raw !== undefined && cert.raw.length > 0 ? cert : undefined;
  readCertificates.set(tls, presented ?? NONE);
  return presented;
}

const NONE = 'none';
/**
 * Each connection's certificate, read once: building it costs tens of microseconds per request (node
 * computes three fingerprints each time). It cannot change while the connection lasts, for the server
 * refuses renegotiation (see startHttpsServer). Keyed weakly: an entry goes with its socket.
 */
const readCertificates = new WeakMap<object, PeerCertificate | typeof NONE>();

/** What authenticators read from a request: its headers and its client certificate. */
export function authenticationRequestOf(req: HttpRequest): AuthenticationRequest {
  return { headers: req.headers, clientCertificate: peerCertificate(req) };
}
