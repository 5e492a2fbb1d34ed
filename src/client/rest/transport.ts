/**
 * The seam between typed helpers (ResourceClient) and the wire (RestClient): one JSON request, or one
 * streaming response. Tests of code above it may fake it without a server.
 */
import type { RequestContext } from './api-error.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | undefined;

export interface RequestOptions {
  readonly method: HttpMethod;
  /** The API path, e.g. `/api/v1/namespaces/default/pods`. */
  readonly path: string;
  /** Query parameters; undefined values are left out. */
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** The request body: sent as is when a string, else JSON-encoded. */
  readonly body?: unknown;
  /** Defaults to `application/json` when there is a body. */
  readonly contentType?: string;
  /** Aborting it fails the request (or ends the stream) at once. */
  readonly signal?: AbortSignal;
  /** What the request is about, for error messages the client must make up. */
  readonly context?: RequestContext;
  /**
   * The caller does not read a successful answer's body (client-go's `Do(ctx).Error()`): it is not decoded,
   * and the request resolves undefined. Error answers are decoded as always.
   */
  readonly discardResult?: boolean;
}

/** A 2xx response whose body is read as it arrives. */
export interface ResponseStream {
  readonly body: AsyncIterable<Uint8Array | string>;
  /** Drops the connection; the body then ends (or errors) promptly. Idempotent. */
  close(): void;
}

export interface Transport {
  /**
   * Sends one request and returns its decoded JSON body (undefined when empty).
   * @throws ApiError for a non-2xx answer; TransportError when no answer came (or the body was not JSON);
   *   the signal's reason when aborted.
   */
  request(options: RequestOptions): Promise<unknown>;
  /**
   * Sends one request and hands over its body as a stream, once a 2xx status has arrived.
   * @throws as `request`, for failures before the body starts.
   */
  stream(options: RequestOptions): Promise<ResponseStream>;
}
