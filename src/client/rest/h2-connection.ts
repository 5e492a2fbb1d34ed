/**
 * One HTTP/2 connection to the API server, shared by every short request of a RestClient (as client-go's
 * transport does): requests are streams multiplexed on one TLS session, so there is no per-request socket
 * write of a head and a body, no per-connection keep-alive bookkeeping, and the server answers many requests
 * with few writes. The session is opened on first use and again after it ends (GOAWAY, reset, idle close).
 */
import * as http2 from 'node:http2';
import type * as tls from 'node:tls';
import { AbortListeners, abortReason } from './abort-listeners.js';
import { TransportError } from './api-error.js';
import type { ShortRequest, ShortResponse } from './short-request.js';

/** The receive window the client grants (per stream and for the session): big answers arrive in one go. */
const WINDOW_BYTES = 16 * 1024 * 1024;

export class H2Connection {
  private session: http2.ClientHttp2Session | undefined;
  private closed = false;
  /** Streams in flight per session: a session keeps the process alive only while it has some. */
  private readonly active = new WeakMap<http2.ClientHttp2Session, number>();
  /** True once the server refused HTTP/2 in the TLS handshake (it speaks only HTTP/1.1). */
  unsupported = false;
  /** Sessions with a health-check PING outstanding. */
  private readonly pinging = new WeakSet<http2.ClientHttp2Session>();
  /** Requests' abort callbacks, one listener per signal (components pass one signal to every request). */
  private readonly aborts = new AbortListeners();

  /**
   * @param origin the server's `https://host:port`.
   * @param tlsOptions what to trust and how to authenticate (CA, client certificate, server name).
   * @param pingTimeoutMs how long a health-check PING may go unanswered (client-go's default: 15 s).
   */
  constructor(
    private readonly origin: string,
    private readonly tlsOptions: tls.ConnectionOptions,
    private readonly pingTimeoutMs = 15_000,
  ) {}

  /**
   * Sends one request and reads its whole answer.
   * @throws TransportError when no complete answer came (connection failure, reset, timeout); the signal's
   *   reason when aborted.
   */
  request(req: ShortRequest): Promise<ShortResponse> {
    const { signal } = req;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.closed) return Promise.reject(new TransportError(`${req.method} ${req.path}: the client is closed`));
    const what = `${req.method} ${req.path}`;
    return new Promise((resolve, reject) => {
      let stream: http2.ClientHttp2Stream;
      let session: http2.ClientHttp2Session;
      try {
        session = this.currentSession();
        // Node would close a DELETE's (or GET's) request body at once by default: say whether one follows.
        stream = session.request(
          { ':method': req.method, ':path': req.path, ...req.headers },
          { endStream: req.body === undefined },
        );
      } catch (err) {
        this.drop();
        reject(new TransportError(`${what}: ${(err as Error).message}`, { cause: err }));
        return;
      }
      this.active.set(session, (this.active.get(session) ?? 0) + 1);
      session.ref();
      let settled = false;
      const finish = (fail: unknown, answer?: ShortResponse): void => {
        if (settled) return;
        settled = true;
        const left = (this.active.get(session) ?? 1) - 1;
        this.active.set(session, left);
        if (left === 0) session.unref();
        if (timer !== undefined) clearTimeout(timer);
        stopListening?.();
        if (fail === undefined && answer !== undefined) resolve(answer);
        else {
          if (!stream.closed) stream.close(http2.constants.NGHTTP2_CANCEL);
          reject(fail);
        }
      };
      const stopListening = signal && this.aborts.add(signal, () => finish(abortReason(signal)));
      const timer =
        req.timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              finish(new TransportError(`${what}: timed out after ${req.timeoutMs} ms`));
              this.checkHealth(session);
            }, req.timeoutMs);
      let code = 0;
      let headers: http2.IncomingHttpHeaders = {};
      const chunks: Buffer[] = [];
      stream.on('response', (h) => {
        headers = h;
        code = Number(h[':status'] ?? 0);
      });
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => finish(undefined, { code, headers, body: Buffer.concat(chunks).toString('utf8') }));
      stream.on('error', (err) => {
        if (refusesHttp2(err)) this.unsupported = true;
        finish(new TransportError(`${what}: ${err.message}`, { cause: err }));
      });
      stream.on('close', () => {
        if (!settled) finish(new TransportError(`${what}: the stream closed before the answer ended`));
      });
      if (req.body !== undefined) stream.end(req.body);
    });
  }

  /** Ends the session once its streams finish; later requests fail. */
  close(): void {
    this.closed = true;
    this.session?.close();
    this.session = undefined;
  }

  private currentSession(): http2.ClientHttp2Session {
    if (this.session !== undefined && !this.session.closed && !this.session.destroyed) return this.session;
    const session = http2.connect(this.origin, {
      ...this.tlsOptions,
      settings: { initialWindowSize: WINDOW_BYTES },
    });
    session.on('connect', () => session.setLocalWindowSize(WINDOW_BYTES));
    // Failures reach the streams; the session only has to be forgotten so that the next request reconnects.
    session.on('error', (err) => {
      if (refusesHttp2(err)) this.unsupported = true;
      this.forget(session);
    });
    session.on('goaway', () => this.forget(session));
    session.on('close', () => this.forget(session));
    // An idle session must not keep the process alive (as an idle keep-alive socket doesn't).
    session.unref();
    this.session = session;
    return session;
  }

  /**
   * After a request timed out: is the connection still alive? Every request shares it, so a connection that
   * went silent (a peer gone without a reset) would fail them all. As client-go's HTTP/2 health check does, a
   * PING unanswered within PING_TIMEOUT_MS ends the session, and the next request opens a new one.
   */
  private checkHealth(session: http2.ClientHttp2Session): void {
    if (session.closed || session.destroyed || this.pinging.has(session)) return;
    this.pinging.add(session);
    const dead = setTimeout(() => {
      this.forget(session);
      session.destroy(new Error(`no answer to a ping in ${this.pingTimeoutMs} ms`));
    }, this.pingTimeoutMs);
    dead.unref();
    const answered = (): void => {
      clearTimeout(dead);
      this.pinging.delete(session);
    };
    try {
      if (!session.ping(answered)) answered();
    } catch {
      answered();
    }
  }

  private forget(session: http2.ClientHttp2Session): void {
    if (this.session === session) this.session = undefined;
  }

  private drop(): void {
    this.session?.destroy();
    this.session = undefined;
  }
}

/** The TLS alert of a server that offers no protocol the client asked for in ALPN (here: no `h2`). */
function refusesHttp2(err: unknown): boolean {
  const code = (e: unknown): unknown => (e instanceof Error ? (e as NodeJS.ErrnoException).code : undefined);
  const alert = 'ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL';
  return code(err) === alert || (err instanceof Error && code(err.cause) === alert);
}
