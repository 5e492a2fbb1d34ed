/**
 * One HTTP/2 stream as the API server's handlers see it: a request (method, path, headers, a body read as an
 * async iterable) and its response (status, headers, body written in pieces or at once). They have the shape
 * of Node's HTTP/2 compatibility objects, as far as the handlers use them (`RequestLike`, `ResponseLike`), and
 * cost a few plain objects each. The connection (`H2ServerSession`) moves their bytes.
 */
import { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** What a stream's request and response ask of their connection. */
export interface StreamSink {
  /** Sends the response's header block; throws (sending nothing) when a field cannot be encoded. */
  sendHead(stream: StreamState, status: number, headers: Record<string, string | string[]>, end: boolean): void;
  /** Queues response body bytes; `end` ends the stream after them. */
  sendData(stream: StreamState, data: Buffer | undefined, end: boolean): void;
  /** Resets the stream (the response is abandoned). */
  reset(stream: StreamState, code: number): void;
  /** The handler has read `bytes` of the request body: the client may send as much more. */
  consumed(stream: StreamState, bytes: number): void;
}

/** A stream's state as the connection keeps it. */
export interface StreamState {
  readonly id: number;
  readonly req: H2ServerRequest;
  readonly res: H2ServerResponse;
  /** What the client's flow control lets us send on this stream. */
  sendWindow: number;
  /** Body bytes waiting for a window, in order, and their total. */
  queued: Buffer[];
  queuedBytes: number;
  /** The response ends once `queued` is sent. */
  endQueued: boolean;
  /** The client has sent END_STREAM. */
  remoteEnded: boolean;
  /** Our END_STREAM is queued for the wire. */
  localEnded: boolean;
  closed: boolean;
  /** Request body bytes received and not yet read by the handler, and read but not yet credited back. */
  unread: number;
  unacked: number;
  /** The request's declared content-length (-1 without one) and the body bytes received so far. */
  declaredLength: number;
  received: number;
}

/** Body bytes a response may hold waiting for the client's window before write() asks the writer to wait. */
const HIGH_WATER_MARK = 64 * 1024;

/** @throws TypeError for a header name that is not a token (as Node's servers refuse it). */
function checkName(name: string): void {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) throw new TypeError(`invalid header name ${JSON.stringify(name)}`);
}

/**
 * @throws TypeError for a field HTTP/2 cannot carry: a name that is not a token, a value with CR, LF, NUL or a
 *   char past Latin-1 (as Node's servers refuse them). writeHead leaves values to the encoder, which refuses them.
 */
function checkField(name: string, value: string | readonly string[]): void {
  checkName(name);
  for (const one of typeof value === 'string' ? [value] : value) {
    for (let i = 0; i < one.length; i++) {
      const c = one.charCodeAt(i);
      if (c === 0x0a || c === 0x0d || c === 0x00 || c > 0xff) {
        throw new TypeError(`invalid character in the value of header ${JSON.stringify(name)}`);
      }
    }
  }
}

type Waiter = { resolve(result: IteratorResult<Buffer>): void; reject(err: Error): void };

export class H2ServerRequest extends EventEmitter implements AsyncIterable<Buffer> {
  readonly httpVersion = '2.0';
  /** Set by the connection once the stream exists. */
  stream!: StreamState;
  private chunks: Buffer[] = [];
  private ended = false;
  private failure: Error | undefined;
  private waiter: Waiter | undefined;

  constructor(
    readonly method: string,
    readonly url: string,
    readonly headers: IncomingHttpHeaders,
    readonly socket: TLSSocket,
    private readonly sink: StreamSink,
  ) {
    super();
  }

  /** Whether the whole body has arrived. */
  get complete(): boolean {
    return this.ended;
  }

  /** Body bytes from the connection. */
  push(chunk: Buffer): void {
    const waiter = this.waiter;
    if (waiter !== undefined) {
      this.waiter = undefined;
      this.sink.consumed(this.stream, chunk.length);
      waiter.resolve({ done: false, value: chunk });
    } else {
      this.chunks.push(chunk);
    }
  }

  /** The body ended (END_STREAM). */
  finish(): void {
    this.ended = true;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.resolve({ done: true, value: undefined });
  }

  /** The body cannot end (the stream was reset, answered or lost): what was not read is dropped. */
  fail(err: Error): void {
    if (this.ended) return;
    this.failure = err;
    this.chunks = [];
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(err);
  }

  [Symbol.asyncIterator](): AsyncIterator<Buffer> {
    return { next: () => this.next() };
  }

  private next(): Promise<IteratorResult<Buffer>> {
    const chunk = this.chunks.shift();
    if (chunk !== undefined) {
      this.sink.consumed(this.stream, chunk.length);
      return Promise.resolve({ done: false, value: chunk });
    }
    if (this.ended) return Promise.resolve({ done: true, value: undefined });
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }
}

export class H2ServerResponse extends EventEmitter {
  statusCode = 200;
  headersSent = false;
  writableEnded = false;
  /** Set by the connection once the stream exists. */
  stream!: StreamState;
  private headers: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  private draining = false;

  constructor(
    private readonly sink: StreamSink,
    /** A HEAD request's answer has headers only: bodies written are dropped. */
    private readonly headOnly: boolean,
  ) {
    super();
  }

  setHeader(name: string, value: string | number | readonly string[]): this {
    if (this.headersSent) throw new Error(`cannot set header ${name}: the headers were sent`);
    const kept = typeof value === 'object' ? [...value] : String(value);
    checkField(name, kept);
    this.headers[name.toLowerCase()] = kept;
    return this;
  }

  /** Sends the status and headers (merged over those set before). @throws Error when a field cannot be sent. */
  writeHead(status: number, headers?: Record<string, string | string[]>): this {
    if (this.headersSent) throw new Error('the headers were sent already');
    if (!Number.isInteger(status) || status < 200 || status > 599) throw new RangeError(`invalid status ${status}`);
    let merged = this.headers;
    if (headers !== undefined) {
      merged = Object.assign(Object.create(null), this.headers) as Record<string, string | string[]>;
      for (const name in headers) {
        checkName(name);
        merged[name.toLowerCase()] = headers[name] as string | string[];
      }
    }
    // Kept only once sent: a field that cannot be sent (the encoder refuses it) leaves the response as it was.
    this.sendHead(false, status, merged);
    this.statusCode = status;
    this.headers = merged;
    return this;
  }

  flushHeaders(): void {
    if (!this.headersSent) this.sendHead(false);
  }

  /** Whether the stream is closed: answered, reset or lost with its connection. */
  get closed(): boolean {
    return this.stream.closed;
  }

  /** Body bytes written and not yet sent (the client's windows or a full socket hold them back). */
  get writableLength(): number {
    return this.stream.queuedBytes;
  }

  /**
   * Queues body bytes; false when enough of them are held back that the writer should wait for 'drain'. A
   * writer waiting for 'drain' must also listen for 'close': a stream that closes never drains.
   */
  write(chunk: string | Uint8Array): boolean {
    if (this.writableEnded) throw new Error('write after end');
    if (!this.headersSent) this.sendHead(false);
    if (this.stream.closed) return true; // dropped: nobody reads it any more
    const data = this.bytes(chunk);
    if (data !== undefined) this.sink.sendData(this.stream, data, false);
    if (this.stream.queuedBytes < HIGH_WATER_MARK) return true;
    this.draining = true;
    return false;
  }

  end(chunk?: string | Uint8Array): this {
    if (this.writableEnded) return this;
    const data = chunk === undefined ? undefined : this.bytes(chunk);
    if (!this.headersSent) {
      // Headers and no body: one frame ends the stream.
      if (data === undefined) {
        this.writableEnded = true;
        this.sendHead(true);
        return this;
      }
      this.sendHead(false);
    }
    this.writableEnded = true;
    if (!this.stream.closed) this.sink.sendData(this.stream, data, true);
    return this;
  }

  /** Abandons the answer: the stream is reset. */
  destroy(): void {
    this.writableEnded = true;
    if (!this.stream.closed) this.sink.reset(this.stream, 0x2 /* INTERNAL_ERROR */);
  }

  /** From the connection: queued bytes went out. 'drain' comes on the next tick, outside the connection's loop. */
  sent(): void {
    if (this.draining && this.stream.queuedBytes === 0) {
      this.draining = false;
      process.nextTick(() => this.emit('drain'));
    }
  }

  private sendHead(end: boolean, status = this.statusCode, headers = this.headers): void {
    if (!this.stream.closed) this.sink.sendHead(this.stream, status, headers, end);
    this.headersSent = true;
  }

  private bytes(chunk: string | Uint8Array): Buffer | undefined {
    if (this.headOnly || chunk.length === 0) return undefined;
    if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
    return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}
