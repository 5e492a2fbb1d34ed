/** A short request (not a stream) as the RestClient's transports for them take it, and its whole answer. */

export interface ShortRequest {
  readonly method: string;
  /** Path and query, e.g. `/api/v1/namespaces/default/pods?limit=500`. */
  readonly path: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | number>>;
  readonly body: string | undefined;
  /** Time limit for the whole exchange, answer body included; undefined for none. */
  readonly timeoutMs: number | undefined;
  readonly signal: AbortSignal | undefined;
}

export interface ShortResponse {
  readonly code: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}
