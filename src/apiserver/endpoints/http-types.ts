/** The request and response shapes shared by HTTP/1.1 and HTTP/2 (node's compatibility API). */
import type { IncomingHttpHeaders } from 'node:http';

export interface RequestLike extends AsyncIterable<Buffer> {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: IncomingHttpHeaders;
  on(event: 'close', listener: () => void): unknown;
}

export interface ResponseLike {
  statusCode: number;
  readonly headersSent: boolean;
  readonly writableEnded: boolean;
  setHeader(name: string, value: string | number | readonly string[]): unknown;
  writeHead(status: number, headers?: Record<string, string | string[]>): unknown;
  write(chunk: string | Uint8Array): boolean;
  end(chunk?: string | Uint8Array): unknown;
  flushHeaders?(): void;
  /** Hold writes until uncork (HTTP/1.1 responses only). */
  cork?(): void;
  uncork?(): void;
  /** Bytes written and not yet handed to the connection. */
  readonly writableLength?: number;
  /** Whether the response closed (answered, or its client gone). */
  readonly closed?: boolean;
  on(event: 'close' | 'drain', listener: () => void): unknown;
  once(event: 'close' | 'drain', listener: () => void): unknown;
  off(event: 'close' | 'drain', listener: () => void): unknown;
}
