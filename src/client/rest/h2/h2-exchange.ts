/**
 * What one request of an H2Session is: the request as given, the answer as handed back, the error when there is
 * none, and the state the session keeps per stream while the exchange lasts.
 */

export interface H2Request {
  readonly method: string;
  /** Path and query. */
  readonly path: string;
  /** Header names in lower case; connection-specific ones (`connection`, `host`, …) are left out. */
  readonly headers: Readonly<Record<string, string | number>>;
  readonly body: string | undefined;
}

export interface H2Answer {
  readonly code: number;
  /** Header names in lower case; repeated ones joined with `, ` (`set-cookie`: a list). */
  readonly headers: Record<string, string | string[]>;
  readonly body: string;
}

/** A failed exchange. `unprocessed`: the server did not act on the request, so it may be sent again. */
export class H2StreamError extends Error {
  constructor(
    message: string,
    readonly unprocessed: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'H2StreamError';
  }
}

/** Called once per request: with the answer, or with why there is none. */
export type H2Done = (err: Error | undefined, answer: H2Answer | undefined) => void;

/** A request of this session, for `cancel`. */
export interface H2Exchange {
  /** Its stream, once opened (0 while it waits for the server's limit on concurrent streams). */
  readonly id: number;
}

/** The session's state for one request. */
export interface Exchange extends H2Exchange {
  id: number;
  readonly done: H2Done;
  readonly block: Buffer;
  /** The body still to send, from `sent` on; undefined once END_STREAM is queued. */
  body: Buffer | undefined;
  sent: number;
  sendWindow: number;
  /** The answer's status: 0 until its final header block. */
  code: number;
  headers: Record<string, string | string[]> | undefined;
  readonly chunks: Buffer[];
  /** Octets of body received. */
  received: number;
  /** Octets received on the stream not yet granted back with WINDOW_UPDATE. */
  unacked: number;
}

/** The answer body's text: the DATA payloads joined and decoded as UTF-8. */
export function answerBody(chunks: readonly Buffer[]): string {
  if (chunks.length === 0) return '';
  return (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString('utf8');
}

/** Adds a field to an answer's headers: repeated names joined with `, `, `set-cookie` kept as a list. */
export function addHeader(headers: Record<string, string | string[]>, name: string, value: string): void {
  const had = headers[name];
  if (had === undefined) headers[name] = value;
  else if (name === 'set-cookie') headers[name] = Array.isArray(had) ? [...had, value] : [had, value];
  else headers[name] = `${String(had)}, ${value}`;
}
