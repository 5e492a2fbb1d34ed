import type { IncomingMessage, ServerResponse } from 'node:http';
import type { H2ServerRequest, H2ServerResponse } from './h2/h2-server-stream.js';
import type { Duplex } from 'node:stream';

/** A request as the HTTPS server hands it over: HTTP/2 (the project's own session) or HTTP/1.1 (Node's). */
export type HttpRequest = IncomingMessage | H2ServerRequest;
/** The response that goes with an {@link HttpRequest}. */
export type HttpResponse = ServerResponse | H2ServerResponse;

/**
 * Serves one request. It may answer asynchronously; a rejection that escapes it still gets a 500 answer
 * (or a reset stream when the answer had begun), but handlers are expected to answer their own errors.
 * Over HTTP/2 it must not set connection-specific headers (Connection, Keep-Alive, Transfer-Encoding, …).
 */
export type RequestHandler = (req: HttpRequest, res: HttpResponse) => void | Promise<void>;

/**
 * Takes over an HTTP/1.1 connection whose request asked for `Upgrade` (WebSocket, SPDY/3.1): the handler
 * owns `socket` from then on (answering 101 or an error, and ending it). `head` is the first bytes of
 * the upgraded stream, if any arrived with the request.
 */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void | Promise<void>;
