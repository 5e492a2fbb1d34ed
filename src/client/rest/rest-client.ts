/**
 * RestClient: JSON over HTTPS to a Kubernetes API server, with client-side rate limiting, a per-request
 * timeout, retries on `Retry-After`, and typed per-resource helpers. Short requests share one HTTP/2 connection
 * (falling back to a pool of HTTP/1.1 keep-alive connections when the server refuses HTTP/2, or over plain
 * `http:`, or when chosen); streams (watches, logs) each get an HTTP/1.1 connection of their own.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';
import { type Clock, realClock, sleep } from '../clock/clock.js';
import { TokenBucket } from '../flowcontrol/token-bucket.js';
import type { KubeObject } from '../kube-object.js';
import { abortReason } from './abort-listeners.js';
import { apiErrorFromResponse, TransportError } from './api-error.js';
import type { ClientConfig } from './client-config.js';
import { type KubeconfigOptions, loadKubeconfig } from './kubeconfig.js';
import { ResourceClient, type ResourceDescriptor } from './resource-client.js';
import type { RequestOptions, ResponseStream, Transport } from './transport.js';
import { H2Connection, Http2RefusedError } from './h2-connection.js';
import { H1Pool } from './h1-pool.js';
import type { ShortRequest, ShortResponse } from './short-request.js';

export interface RestClientOptions {
  /** The component's name: the User-Agent becomes `skiff/<component>`. Default `client`. */
  readonly component?: string;
  /** A whole User-Agent, overriding `component`. */
  readonly userAgent?: string;
  /** Requests per second, sustained (default 50); `Infinity` disables limiting. */
  readonly qps?: number;
  /** Requests allowed in a burst (default 100). */
  readonly burst?: number;
  /** Time limit of a non-streaming request, answer body included (default 30 000 ms; 0 for none). */
  readonly timeoutMs?: number;
  /**
   * Connections kept to the server at most (default 64); more requests in flight wait for a free one rather
   * than each opening (and handshaking) a connection of its own.
   */
  readonly maxConnections?: number;
  /**
   * How short requests travel: `http2` (default, over https) multiplexed on one HTTP/2 connection when the
   * server offers it, else as `http1`: over a pool of HTTP/1.1 keep-alive connections (see h1-pool.ts).
   * HTTP/2 costs the client more per request but the server less: it reads and writes many requests' frames
   * at once, where HTTP/1.1 costs a TLS write per answer (measured: a density run's API thread spent 40% more).
   */
  readonly transport?: 'http1' | 'http2';
  /** How often to retry an answer of 429 or 5xx that carries `Retry-After` (default 10). */
  readonly maxRetries?: number;
  readonly clock?: Clock;
}

interface Opened {
  readonly req: http.ClientRequest;
  readonly res: http.IncomingMessage;
  /** Disarms the abort listener. */
  readonly release: () => void;
}

interface RawResponse {
  readonly code: number;
  readonly retryAfter: number | undefined;
  readonly body: string;
}

export class RestClient implements Transport {
  /** Short requests share a bounded pool of keep-alive connections. */
  private readonly pool: H1Pool;
  /** Watches hold their connection for minutes: they get their own, so they never starve short requests. */
  private readonly streamAgent: http.Agent;
  /** The HTTP/2 connection for short requests (https only, when chosen). */
  private readonly h2: H2Connection | undefined;
  private readonly limiter: TokenBucket;
  private readonly clock: Clock;
  private readonly userAgent: string;
  private readonly base: URL;
  /** The server URL's path, without trailing slashes: what every request's path goes after. */
  private readonly basePath: string;

  constructor(
    readonly config: ClientConfig,
    private readonly options: RestClientOptions = {},
  ) {
    this.base = new URL(config.server);
    this.basePath = this.base.pathname.replace(/\/+$/, '');
    this.clock = options.clock ?? realClock;
    this.limiter = new TokenBucket(options.qps ?? 50, options.burst ?? 100, this.clock);
    this.userAgent = options.userAgent ?? `skiff/${options.component ?? 'client'}`;
    // One TLS context for every connection of the client (see tlsMaterial).
    const tlsOptions: tls.ConnectionOptions = {
      ...tlsMaterial(config),
      rejectUnauthorized: config.insecureSkipTLSVerify !== true,
      ...(config.tlsServerName === undefined ? {} : { servername: config.tlsServerName }),
    };
    this.streamAgent =
      this.base.protocol === 'https:'
        ? new https.Agent({ keepAlive: true, ...tlsOptions })
        : new http.Agent({ keepAlive: true });
    this.pool = new H1Pool(this.base, tlsOptions, options.maxConnections ?? 64, this.clock);
    this.h2 =
      options.transport !== 'http1' && this.base.protocol === 'https:'
        ? new H2Connection(this.base.origin, tlsOptions)
        : undefined;
  }

  /** A client for the kubeconfig at `path` (see loadKubeconfig). */
  static fromKubeconfig(path: string, options: RestClientOptions & KubeconfigOptions = {}): RestClient {
    return new RestClient(loadKubeconfig(path, options), options);
  }

  /** Typed helpers for one resource, e.g. `resource({ group: 'apps', version: 'v1', resource: 'deployments', namespaced: true })`. */
  resource<T extends KubeObject = KubeObject>(descriptor: ResourceDescriptor): ResourceClient<T> {
    return new ResourceClient<T>(this, descriptor);
  }

  async request(options: RequestOptions): Promise<unknown> {
    const maxRetries = this.options.maxRetries ?? 10;
    for (let attempt = 0; ; attempt++) {
      await this.throttle(options.signal);
      const res = await this.send(options);
      if (res.code >= 200 && res.code < 300)
        return options.discardResult === true ? undefined : decode(res.body, options);
      const retryable = res.retryAfter !== undefined && (res.code === 429 || res.code >= 500);
      if (retryable && attempt < maxRetries) {
        if (!(await sleep(this.clock, (res.retryAfter ?? 0) * 1000, options.signal))) throw abortReason(options.signal);
        continue;
      }
      throw apiErrorFromResponse(res.code, res.body, options.context ?? { verb: options.method }, res.retryAfter);
    }
  }

  async stream(options: RequestOptions): Promise<ResponseStream> {
    await this.throttle(options.signal);
    const { req, res, release } = await this.open(options);
    const code = res.statusCode ?? 0;
    if (code >= 200 && code < 300) {
      release(); // from here on the stream's owner closes it, on its own signal
      return { body: res, close: () => req.destroy() };
    }
    try {
      const body = await readBody(res);
      throw apiErrorFromResponse(
        code,
        body,
        options.context ?? { verb: options.method },
        retryAfterValue(res.headers['retry-after']),
      );
    } finally {
      release();
    }
  }

  /** Closes idle keep-alive connections and stops reusing sockets. In-flight requests are not touched. */
  close(): void {
    this.pool.close();
    this.streamAgent.destroy();
    this.h2?.close();
  }

  private async throttle(signal: AbortSignal | undefined): Promise<void> {
    if (!(await this.limiter.accept(signal))) throw abortReason(signal);
  }

  private async send(options: RequestOptions): Promise<RawResponse> {
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    const limit = timeoutMs > 0 ? timeoutMs : undefined;
    if (this.h2 !== undefined && !this.h2.unsupported) {
      try {
        return await this.sendShort(this.h2, options, limit);
      } catch (err) {
        // The server speaks only HTTP/1.1: this request (which never reached it) and every later one go that way.
        // Any other failure may come after the server acted on the request, so it is not sent again.
        if (!(err instanceof Http2RefusedError)) throw err;
      }
    }
    return this.sendShort(this.pool, options, limit);
  }

  private async sendShort(
    connection: { request(req: ShortRequest): Promise<ShortResponse> },
    options: RequestOptions,
    timeoutMs: number | undefined,
  ): Promise<RawResponse> {
    const body = options.body === undefined ? undefined : encode(options.body);
    const headers = this.headers(options, body);
    const res = await connection.request({
      method: options.method,
      path: this.pathAndQuery(options),
      headers,
      body,
      timeoutMs,
      signal: options.signal,
    });
    return { code: res.code, retryAfter: retryAfterValue(res.headers['retry-after']), body: res.body };
  }

  /** The request's headers (lower-case names: HTTP/2 requires them, HTTP/1.1 does not mind). */
  private headers(options: RequestOptions, body: string | undefined): Record<string, string | number> {
    const headers: Record<string, string | number> = { accept: 'application/json', 'user-agent': this.userAgent };
    if (this.config.token) headers['authorization'] = `Bearer ${this.config.token}`;
    if (body !== undefined) {
      headers['content-type'] = options.contentType ?? 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    return headers;
  }

  /**
   * Sends a streaming request on a connection of its own and waits for the answer's head. Until `release` is
   * called, aborting the signal destroys the request, so it covers reading the body too.
   */
  private open(options: RequestOptions): Promise<Opened> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const url = this.url(options);
    const payload = options.body === undefined ? undefined : encode(options.body);
    const headers = this.headers(options, payload);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(url, { method: options.method, headers, agent: this.streamAgent });
      const onAbort = (): void => {
        req.destroy();
      };
      const release = (): void => {
        signal?.removeEventListener('abort', onAbort);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (err) => {
        release();
        if (signal?.aborted) reject(abortReason(signal));
        else reject(new TransportError(`${options.method} ${url.href}: ${err.message}`, { cause: err }));
      });
      req.on('response', (res) => resolve({ req, res, release }));
      req.end(payload);
    });
  }

  /**
   * The request's path and query as `url(options)` writes them (`/api/v1/…?limit=1`), made by hand when the
   * path needs no escaping: a URL object per request, with its setters, was 2% of a busy scheduler's thread.
   */
  private pathAndQuery(options: RequestOptions): string {
    const path = this.basePath + options.path;
    if (!options.path.startsWith('/') || !SAFE_PATH.test(path) || DOT_SEGMENT.test(path)) {
      const url = this.url(options);
      return url.pathname + url.search;
    }
    const query = queryString(options);
    return query === '' ? path : `${path}?${query}`;
  }

  private url(options: RequestOptions): URL {
    const url = new URL(this.base.href);
    url.pathname = this.basePath + options.path;
    url.search = queryString(options);
    return url;
  }
}

/**
 * One TLS context for every connection of the client: given only the PEM material, node builds a context
 * per connection (parsing the key and the CAs each time). Material node cannot use is passed as it is, so
 * that each request fails with the TLS error as before.
 */
function tlsMaterial(config: ClientConfig): https.AgentOptions {
  const material = { ca: config.ca, cert: config.cert, key: config.key };
  try {
    return { secureContext: tls.createSecureContext(material) };
  } catch {
    return material;
  }
}

/** A segment the URL parser would resolve away (`.`, `..`, or an escaped dot). */
const DOT_SEGMENT = /\/\.|%2e/i;
/** A path the URL parser leaves as it is: unreserved and sub-delimiter characters, `:@/`, and escapes. */
const SAFE_PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]*(?:%[0-9A-Fa-f]{2}[A-Za-z0-9\-._~!$&'()*+,;=:@/]*)*$/;

/** The request's query parameters (those set), form-encoded; '' for none. */
function queryString(options: RequestOptions): string {
  let params: URLSearchParams | undefined;
  for (const [k, v] of Object.entries(options.query ?? {})) {
    if (v !== undefined) (params ??= new URLSearchParams()).set(k, String(v));
  }
  return params === undefined ? '' : params.toString();
}

function encode(body: unknown): string {
  return typeof body === 'string' ? body : JSON.stringify(body);
}

function decode(body: string, options: RequestOptions): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body);
  } catch (err) {
    throw new TransportError(`${options.method} ${options.path}: the answer is not JSON`, { cause: err });
  }
}

function readBody(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let ended = false;
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => {
      ended = true;
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    res.on('error', (err) => reject(new TransportError(`reading the answer: ${err.message}`, { cause: err })));
    res.on('close', () => {
      if (!ended) reject(new TransportError('the connection closed before the answer ended'));
    });
  });
}

/** A `Retry-After` header's whole seconds, if it holds a plain number. */
function retryAfterValue(header: string | string[] | undefined): number | undefined {
  if (Array.isArray(header)) return retryAfterValue(header[0]);
  if (header === undefined || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim());
}
