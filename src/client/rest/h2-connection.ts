/**
 * One HTTP/2 connection to the API server, shared by every short request of a RestClient (as client-go's
 * transport does): requests are streams multiplexed on one TLS session, so there is no per-request socket
 * write of a head and a body, no per-connection keep-alive bookkeeping, and the server answers many requests
 * with few writes. The session (h2/h2-session.ts) is opened on first use and again after it ends (GOAWAY,
 * reset, idle close); a request the server did not process (above a GOAWAY's last stream, refused, or never
 * sent) is sent once more, on a new session when the old one is closing.
 */
import type * as tls from 'node:tls';
import { AbortListeners, abortReason } from './abort-listeners.js';
import { TransportError } from './api-error.js';
import { type H2Exchange, H2Session, H2StreamError } from './h2/h2-session.js';
import type { ShortRequest, ShortResponse } from './short-request.js';

/** The server refused HTTP/2 in the TLS handshake, so this request never reached it: send it over HTTP/1.1. */
export class Http2RefusedError extends TransportError {}

export class H2Connection {
  private readonly origin: URL;
  private session: H2Session | undefined;
  private closed = false;
  /** True once the server refused HTTP/2 in the TLS handshake (it speaks only HTTP/1.1). */
  unsupported = false;
  /** Sessions with a health-check PING outstanding. */
  private readonly pinging = new WeakSet<H2Session>();
  /** Requests' abort callbacks, one listener per signal (components pass one signal to every request). */
  private readonly aborts = new AbortListeners();

  /**
   * @param origin the server's `https://host:port`.
   * @param tlsOptions what to trust and how to authenticate (CA, client certificate, server name).
   * @param pingTimeoutMs how long a health-check PING may go unanswered (client-go's default: 15 s).
   */
  constructor(
    origin: string,
    private readonly tlsOptions: tls.ConnectionOptions,
    private readonly pingTimeoutMs = 15_000,
  ) {
    this.origin = new URL(origin);
  }

  /**
   * Sends one request and reads its whole answer.
   * @throws TransportError when no complete answer came (connection failure, reset, timeout); the signal's
   *   reason when aborted.
   */
  request(req: ShortRequest): Promise<ShortResponse> {
    const { signal } = req;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.closed) return Promise.reject(new TransportError(`${req.method} ${req.path}: the client is closed`));
    return new Promise((resolve, reject) => {
      let session: H2Session | undefined;
      let exchange: H2Exchange | undefined;
      let settled = false;
      let resent = false;
      const finish = (fail: unknown, answer?: ShortResponse): void => {
        if (settled) return;
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        stopListening?.();
        if (answer !== undefined) resolve(answer);
        else {
          if (session !== undefined && exchange !== undefined) session.cancel(exchange);
          reject(fail);
        }
      };
      const send = (): void => {
        try {
          session = this.currentSession();
          exchange = session.request(req, (err, answer) => {
            if (settled) return;
            if (answer !== undefined) {
              finish(undefined, answer);
              return;
            }
            if (session?.refusedHttp2 === true) {
              this.unsupported = true;
              finish(
                new Http2RefusedError(`${req.method} ${req.path}: ${err?.message ?? 'HTTP/2 refused'}`, { cause: err }),
              );
              return;
            }
            if (err instanceof H2StreamError && err.unprocessed && !resent && !this.closed) {
              // The server never acted on it (it was closing the session): a new session takes it.
              resent = true;
              send();
              return;
            }
            finish(new TransportError(`${req.method} ${req.path}: ${err?.message ?? 'no answer'}`, { cause: err }));
          });
        } catch (err) {
          exchange = undefined;
          finish(new TransportError(`${req.method} ${req.path}: ${(err as Error).message}`, { cause: err }));
        }
      };
      const stopListening = signal && this.aborts.add(signal, () => finish(abortReason(signal)));
      const timer =
        req.timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              const on = session;
              finish(new TransportError(`${req.method} ${req.path}: timed out after ${req.timeoutMs} ms`));
              if (on !== undefined) this.checkHealth(on);
            }, req.timeoutMs);
      send();
    });
  }

  /** Ends the session once its streams finish; later requests fail. */
  close(): void {
    this.closed = true;
    this.session?.close();
    this.session = undefined;
  }

  private currentSession(): H2Session {
    if (this.session !== undefined && this.session.available) return this.session;
    const session = new H2Session(this.origin, this.tlsOptions, {
      onUnavailable: (s) => {
        if (this.session === s) this.session = undefined;
      },
    });
    this.session = session;
    return session;
  }

  /**
   * After a request timed out: is the connection still alive? Every request shares it, so a connection that
   * went silent (a peer gone without a reset) would fail them all. As client-go's HTTP/2 health check does, a
   * PING unanswered within pingTimeoutMs ends the session, and the next request opens a new one.
   */
  private checkHealth(session: H2Session): void {
    if (!session.available || this.pinging.has(session)) return;
    this.pinging.add(session);
    const dead = setTimeout(() => {
      if (this.session === session) this.session = undefined;
      session.destroy(new Error(`no answer to a ping in ${this.pingTimeoutMs} ms`));
    }, this.pingTimeoutMs);
    dead.unref();
    const answered = (): void => {
      clearTimeout(dead);
      this.pinging.delete(session);
    };
    if (!session.ping(answered)) answered();
  }
}
