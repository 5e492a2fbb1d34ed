/**
 * One HTTP/2 connection (RFC 9113) of a client, over TLS, for short exchanges: a request with its whole body,
 * then its whole answer. It is the part of an HTTP/2 client the API server's clients use, written for the
 * cost per request: Node's own client spends ~80 µs of JavaScript on each (a Duplex stream, an async
 * resource and event emitters per request), which was a fifth of a busy scheduler's thread. Here a request is
 * one encoded header block and a few buffers; frames queued in one tick go out in one TLS write.
 *
 * What it keeps of the protocol: the preface and SETTINGS both ways, HPACK (a full decoder; requests are
 * encoded without touching the server's dynamic table), flow control both ways, the server's limit on
 * concurrent streams, padding, CONTINUATION, trailers and 1xx answers, RST_STREAM, GOAWAY (streams the server
 * did not process fail as `unprocessed`, safe to send again) and PING both ways. Server push is refused.
 */
import { constants } from 'node:buffer';
import * as net from 'node:net';
import * as tls from 'node:tls';
import {
  CLIENT_PREFACE,
  DEFAULT_MAX_FRAME_SIZE,
  DEFAULT_WINDOW,
  ErrorCode,
  errorCodeName,
  Flag,
  frame,
  FrameReader,
  FrameType,
  goawayFrame,
  headerBlockFrames,
  MAX_WINDOW,
  rstStreamFrame,
  Setting,
  settingsFrame,
  unpadded,
  windowUpdateFrame,
} from '../../../machinery/http2/frames.js';
import {
  addHeader,
  answerBody,
  type Exchange,
  type H2Answer,
  type H2Done,
  type H2Exchange,
  type H2Request,
  H2StreamError,
} from './h2-exchange.js';
import { HeaderBlockReader, readSettings } from '../../../machinery/http2/header-blocks.js';
import { encodeHeaderBlock, HpackDecoder } from '../../../machinery/http2/hpack.js';

export { type H2Answer, type H2Done, type H2Exchange, type H2Request, H2StreamError } from './h2-exchange.js';

/** The largest answer body taken: the longest string V8 makes (about 512 MiB); a longer one fails the request. */
const MAX_BODY_BYTES = constants.MAX_STRING_LENGTH;
/** The largest answer header block taken (Go's client allows as much). */
const MAX_HEADER_BYTES = 10 * 1024 * 1024;
/** How long a closed session waits for the server to close its side before dropping the connection. */
const CLOSE_GRACE_MS = 2_000;
/** The window this client grants, per stream and for the connection: big answers arrive without waiting. */
const RECEIVE_WINDOW = 16 * 1024 * 1024;
/** Client streams are odd; the last usable one. */
const MAX_STREAM_ID = 2 ** 31 - 1;
/** Headers HTTP/2 forbids (RFC 9113 §8.2.2); `host` becomes `:authority`. */
const CONNECTION_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'host',
]);

export interface H2SessionEvents {
  /** The session takes no more requests (GOAWAY, failure or close): open another for the next ones. */
  onUnavailable(session: H2Session): void;
  /** The longest answer body taken (default: the longest string V8 makes, about 512 MiB). */
  readonly maxBodyBytes?: number;
}

export class H2Session {
  private readonly socket: tls.TLSSocket;
  private readonly authority: string;
  private readonly decoder = new HpackDecoder();
  private readonly streams = new Map<number, Exchange>();
  /** Requests beyond the server's limit on concurrent streams, in order. */
  private readonly waiting: Exchange[] = [];
  /** Streams whose body waits for a flow-control window. */
  private readonly blocked = new Set<Exchange>();
  /** Our PINGs awaiting their acknowledgement, by payload. */
  private readonly pings = new Map<bigint, () => void>();
  private pingCount = 0n;
  private nextStreamId = 1;
  /** Frames to write, in order: control frames and header blocks ... */
  private out: Buffer[] = [];
  /** ... then, after them in the same write, DATA and the RST_STREAM and GOAWAY frames that must follow it. */
  private outLast: Buffer[] = [];
  private flushQueued = false;
  private readonly reader = new FrameReader();
  private readonly blocks = new HeaderBlockReader(MAX_HEADER_BYTES, (id, flags, block) =>
    this.onHeaderBlock(id, flags, block),
  );
  private connected = false;
  /** Whether the socket keeps the process alive (see keepAlive). */
  private reffed = true;
  /** The last stream whose HEADERS were handed to the socket: later ones never reached the server. */
  private flushedUpTo = 0;
  private goingAway = false;
  private failure: Error | undefined;
  private peerMaxStreams = Number.POSITIVE_INFINITY;
  private peerInitialWindow = DEFAULT_WINDOW;
  private peerMaxFrame = DEFAULT_MAX_FRAME_SIZE;
  private sendWindow = DEFAULT_WINDOW;
  private unacked = 0;
  /** True when the TLS handshake showed that the server does not speak HTTP/2. */
  refusedHttp2 = false;

  /**
   * Connects to `origin` (`https://host:port`) at once; requests made before the handshake ends wait for it.
   * @param tlsOptions what to trust and how to authenticate (CA or secure context, client certificate, server name).
   */
  constructor(
    origin: URL,
    tlsOptions: tls.ConnectionOptions,
    private readonly events: H2SessionEvents,
  ) {
    const host = origin.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = Number(origin.port || 443);
    this.authority = origin.host;
    this.out.push(
      CLIENT_PREFACE,
      settingsFrame([
        [Setting.ENABLE_PUSH, 0],
        [Setting.INITIAL_WINDOW_SIZE, RECEIVE_WINDOW],
      ]),
      windowUpdateFrame(0, RECEIVE_WINDOW - DEFAULT_WINDOW),
    );
    this.socket = tls.connect({
      ...tlsOptions,
      host,
      port,
      servername: tlsOptions.servername ?? (net.isIP(host) === 0 ? host : undefined),
      ALPNProtocols: ['h2'],
    });
    this.socket.setNoDelay(true);
    this.socket.on('secureConnect', () => {
      if (this.socket.alpnProtocol !== 'h2') {
        this.refusedHttp2 = true;
        this.fail(new Error('the server does not speak HTTP/2'));
        return;
      }
      this.connected = true;
      this.flush();
    });
    this.socket.on('data', (chunk: Buffer) => {
      try {
        this.read(chunk);
      } catch (err) {
        // A bug here must not take the process down: the session fails, and its requests with it.
        this.fail(err instanceof Error ? err : new Error(String(err)));
      }
    });
    this.socket.on('error', (err) => {
      if (refusesHttp2(err)) this.refusedHttp2 = true;
      this.fail(err);
    });
    this.socket.on('close', () => this.fail(new Error('the connection closed')));
    this.keepAlive(false);
  }

  /** Whether a new request may go on this session. */
  get available(): boolean {
    return !this.goingAway && this.failure === undefined && this.nextStreamId <= MAX_STREAM_ID;
  }

  /** Requests sent or waiting, whose answers have not come. */
  get inFlight(): number {
    return this.streams.size + this.waiting.length;
  }

  /**
   * Sends a request; `done` is called once, with its answer or why there is none (never synchronously).
   * @throws Error when its headers cannot be sent (a name or value with a line break or a non-Latin-1
   *   character): nothing was sent then.
   */
  request(req: H2Request, done: H2Done): H2Exchange {
    const fields: [string, string][] = [
      [':method', req.method],
      [':scheme', 'https'],
      [':authority', this.authority],
      [':path', req.path],
    ];
    for (const name in req.headers) {
      if (!CONNECTION_HEADERS.has(name)) fields.push([name, String(req.headers[name])]);
    }
    const block = encodeHeaderBlock(fields);
    const exchange: Exchange = {
      id: 0,
      done,
      block,
      body: req.body === undefined || req.body === '' ? undefined : Buffer.from(req.body, 'utf8'),
      sent: 0,
      sendWindow: 0,
      code: 0,
      headers: undefined,
      chunks: [],
      received: 0,
      unacked: 0,
    };
    if (this.failure !== undefined || !this.available) {
      const why = this.failure?.message ?? 'the session is closing';
      process.nextTick(done, new H2StreamError(why, true), undefined);
      return exchange;
    }
    this.keepAlive(true);
    if (this.streams.size < this.peerMaxStreams) this.open(exchange);
    else this.waiting.push(exchange);
    return exchange;
  }

  /** Gives up on a request: its stream is reset; `done` is not called. */
  cancel(handle: H2Exchange): void {
    const exchange = handle as Exchange;
    const waiting = this.waiting.indexOf(exchange);
    if (waiting >= 0) this.waiting.splice(waiting, 1);
    else if (exchange.id !== 0 && this.streams.get(exchange.id) === exchange) {
      this.streams.delete(exchange.id);
      this.blocked.delete(exchange);
      this.queueLast(rstStreamFrame(exchange.id, ErrorCode.CANCEL));
      this.openWaiting();
    }
    this.idleCheck();
  }

  /** Sends a PING; `answered` runs when its acknowledgement comes. False when the session has failed. */
  ping(answered: () => void): boolean {
    if (this.failure !== undefined) return false;
    const payload = Buffer.allocUnsafe(8);
    payload.writeBigUInt64BE(++this.pingCount);
    this.pings.set(this.pingCount, answered);
    this.queue(frame(FrameType.PING, 0, 0, payload));
    return true;
  }

  /** Takes no more requests and ends the connection once the ones in flight are answered. */
  close(): void {
    if (this.goingAway || this.failure !== undefined) return;
    this.goingAway = true;
    this.events.onUnavailable(this);
    this.idleCheck();
  }

  /** Ends the connection at once: requests in flight fail with `err`. */
  destroy(err: Error): void {
    this.fail(err);
    this.socket.destroy();
  }

  private open(exchange: Exchange): void {
    if (this.nextStreamId > MAX_STREAM_ID) {
      process.nextTick(exchange.done, new H2StreamError('the connection has no stream ids left', true), undefined);
      return;
    }
    const id = this.nextStreamId;
    this.nextStreamId += 2;
    exchange.id = id;
    exchange.sendWindow = this.peerInitialWindow;
    this.streams.set(id, exchange);
    this.queueHeaders(id, exchange.block, exchange.body === undefined);
    if (exchange.body !== undefined) this.sendBody(exchange);
    if (this.nextStreamId > MAX_STREAM_ID) {
      // Its last stream: the requests still waiting go to a new session.
      this.goingAway = true;
      const why = 'the connection has no stream ids left';
      for (const waiting of this.waiting.splice(0))
        process.nextTick(waiting.done, new H2StreamError(why, true), undefined);
      this.events.onUnavailable(this);
    }
  }

  private openWaiting(): void {
    while (this.waiting.length > 0 && this.streams.size < this.peerMaxStreams && this.failure === undefined) {
      this.open(this.waiting.shift() as Exchange);
    }
  }

  private queueHeaders(id: number, block: Buffer, endStream: boolean): void {
    this.queue(headerBlockFrames(id, block, endStream, this.peerMaxFrame));
  }

  /** Queues as much of a body as the windows allow; the rest waits for WINDOW_UPDATE. */
  private sendBody(exchange: Exchange): void {
    const body = exchange.body;
    while (body !== undefined && exchange.sent < body.length) {
      const left = body.length - exchange.sent;
      const n = Math.min(left, this.peerMaxFrame, exchange.sendWindow, this.sendWindow);
      if (n <= 0) {
        this.blocked.add(exchange);
        return;
      }
      const last = n === left;
      this.queueLast(
        frame(FrameType.DATA, last ? Flag.END_STREAM : 0, exchange.id, body.subarray(exchange.sent, exchange.sent + n)),
      );
      exchange.sent += n;
      exchange.sendWindow -= n;
      this.sendWindow -= n;
    }
    exchange.body = undefined;
    this.blocked.delete(exchange);
  }

  private resumeBlocked(): void {
    for (const exchange of this.blocked) {
      if (this.sendWindow <= 0) return;
      this.sendBody(exchange);
    }
  }

  /** Queues a frame for the next write. */
  private queue(buf: Buffer): void {
    this.out.push(buf);
    this.flushSoon();
  }

  /**
   * Queues a frame for the next write, after every frame `queue` adds to it: a write carries the turn's header
   * blocks first and their bodies after, as Node's client orders them. Measured, a batch of creates with each
   * body right after its headers cost Node's HTTP/2 server ~20% more CPU per request (all of its handlers' work
   * ran slower), for the same frames. RST_STREAM and GOAWAY come here too: never before DATA queued earlier.
   */
  private queueLast(buf: Buffer): void {
    this.outLast.push(buf);
    this.flushSoon();
  }

  private flushSoon(): void {
    if (!this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushQueued = false;
    if (!this.connected || this.failure !== undefined) return;
    const { out, outLast } = this;
    if (out.length + outLast.length === 0) return;
    this.out = [];
    this.outLast = [];
    this.flushedUpTo = this.nextStreamId - 2;
    const frames = outLast.length === 0 ? out : out.length === 0 ? outLast : out.concat(outLast);
    this.socket.write(frames.length === 1 ? (frames[0] as Buffer) : Buffer.concat(frames));
  }

  private read(chunk: Buffer): void {
    if (this.failure !== undefined) return;
    const whole = this.reader.read(chunk, DEFAULT_MAX_FRAME_SIZE, this.onFrameBound);
    if (!whole && this.failure === undefined) this.protocolError(ErrorCode.FRAME_SIZE_ERROR, 'a frame too long');
  }

  private readonly onFrameBound = (type: number, flags: number, id: number, payload: Buffer): boolean => {
    this.onFrame(type, flags, id, payload);
    return this.failure === undefined;
  };

  private onFrame(type: number, flags: number, id: number, payload: Buffer): void {
    if (this.blocks.interrupts(type, id)) {
      this.protocolError(ErrorCode.PROTOCOL_ERROR, 'a header block was interrupted');
      return;
    }
    switch (type) {
      case FrameType.DATA:
        this.onData(flags, id, payload);
        return;
      case FrameType.HEADERS:
      case FrameType.CONTINUATION: {
        const fault = this.blocks.read(type, flags, id, payload);
        if (fault !== undefined) this.protocolError(fault.code, fault.why);
        return;
      }
      case FrameType.RST_STREAM:
        if (payload.length !== 4) this.protocolError(ErrorCode.FRAME_SIZE_ERROR, 'a RST_STREAM frame of a wrong size');
        else this.onReset(id, payload.readUInt32BE(0));
        return;
      case FrameType.SETTINGS:
        this.onSettings(flags, id, payload);
        return;
      case FrameType.PING:
        if (payload.length !== 8 || id !== 0) this.protocolError(ErrorCode.FRAME_SIZE_ERROR, 'a malformed PING frame');
        else if ((flags & Flag.ACK) !== 0) this.onPingAck(payload.readBigUInt64BE(0));
        else this.queue(frame(FrameType.PING, Flag.ACK, 0, payload));
        return;
      case FrameType.GOAWAY:
        if (payload.length < 8 || id !== 0) this.protocolError(ErrorCode.FRAME_SIZE_ERROR, 'a malformed GOAWAY frame');
        else this.onGoaway(payload.readUInt32BE(0) & MAX_WINDOW, payload.readUInt32BE(4));
        return;
      case FrameType.WINDOW_UPDATE:
        if (payload.length !== 4)
          this.protocolError(ErrorCode.FRAME_SIZE_ERROR, 'a WINDOW_UPDATE frame of a wrong size');
        else this.onWindowUpdate(id, payload.readUInt32BE(0) & MAX_WINDOW);
        return;
      case FrameType.PUSH_PROMISE:
        this.protocolError(ErrorCode.PROTOCOL_ERROR, 'a push, which this client disabled');
        return;
      default:
        // PRIORITY and unknown frame types are ignored (RFC 9113 §5.5).
        return;
    }
  }

  private onData(flags: number, id: number, payload: Buffer): void {
    const range = id === 0 ? undefined : unpadded(payload, flags, 0);
    if (range === undefined) {
      this.protocolError(ErrorCode.PROTOCOL_ERROR, 'a malformed DATA frame');
      return;
    }
    // The whole payload, padding included, counts against the windows, even for a stream given up on.
    this.unacked += payload.length;
    if (this.unacked >= RECEIVE_WINDOW / 2) {
      this.queue(windowUpdateFrame(0, this.unacked));
      this.unacked = 0;
    }
    const exchange = this.streams.get(id);
    if (exchange === undefined) return;
    if (exchange.code === 0) {
      this.resetStream(exchange, ErrorCode.PROTOCOL_ERROR, 'the answer had data before its headers');
      return;
    }
    if (range.end > range.start) {
      exchange.received += range.end - range.start;
      const max = this.events.maxBodyBytes ?? MAX_BODY_BYTES;
      if (exchange.received > max) {
        this.resetStream(exchange, ErrorCode.CANCEL, `an answer longer than ${max} octets`, 'the client');
        return;
      }
      exchange.chunks.push(payload.subarray(range.start, range.end));
    }
    if ((flags & Flag.END_STREAM) !== 0) {
      this.complete(exchange);
      return;
    }
    exchange.unacked += payload.length;
    if (exchange.unacked >= RECEIVE_WINDOW / 2) {
      this.queue(windowUpdateFrame(id, exchange.unacked));
      exchange.unacked = 0;
    }
  }

  private onHeaderBlock(id: number, flags: number, block: Buffer): void {
    let fields: [string, string][];
    try {
      // Every block is decoded, even one of a stream given up on: the decoder's table must follow the server's.
      fields = this.decoder.decode(block);
    } catch (err) {
      this.protocolError(ErrorCode.COMPRESSION_ERROR, (err as Error).message);
      return;
    }
    const exchange = this.streams.get(id);
    if (exchange === undefined) return;
    const endStream = (flags & Flag.END_STREAM) !== 0;
    if (exchange.code !== 0) {
      // Trailers: they end the stream and are not kept.
      if (endStream) this.complete(exchange);
      else this.resetStream(exchange, ErrorCode.PROTOCOL_ERROR, 'trailers that do not end the stream');
      return;
    }
    let code = 0;
    const headers = Object.create(null) as Record<string, string | string[]>;
    for (const [name, value] of fields) {
      if (name === ':status') code = /^[1-9]\d\d$/.test(value) ? Number(value) : -1;
      else if (name.charCodeAt(0) !== 58 /* ':' */) addHeader(headers, name, value);
    }
    if (code <= 0) {
      this.resetStream(exchange, ErrorCode.PROTOCOL_ERROR, 'an answer without a valid :status');
      return;
    }
    if (code < 200) {
      // An informational answer (100 Continue, 103 Early Hints): the final one follows.
      if (endStream)
        this.resetStream(exchange, ErrorCode.PROTOCOL_ERROR, `an informational answer (${code}) ended the stream`);
      return;
    }
    exchange.code = code;
    exchange.headers = headers;
    if (endStream) this.complete(exchange);
  }

  private onReset(id: number, code: number): void {
    const exchange = this.streams.get(id);
    if (exchange === undefined) return;
    const why = `the server reset the stream (${errorCodeName(code)})`;
    this.settle(exchange, new H2StreamError(why, code === ErrorCode.REFUSED_STREAM));
  }

  private onSettings(flags: number, id: number, payload: Buffer): void {
    if (id !== 0) {
      this.protocolError(ErrorCode.PROTOCOL_ERROR, 'a SETTINGS frame on a stream');
      return;
    }
    if ((flags & Flag.ACK) !== 0) return;
    const fault = readSettings(payload, (setting, value) => {
      if (setting === Setting.MAX_CONCURRENT_STREAMS) {
        this.peerMaxStreams = value;
      } else if (setting === Setting.INITIAL_WINDOW_SIZE) {
        const delta = value - this.peerInitialWindow;
        this.peerInitialWindow = value;
        for (const exchange of this.streams.values()) exchange.sendWindow += delta;
      } else if (setting === Setting.MAX_FRAME_SIZE) {
        this.peerMaxFrame = value;
      }
      // The header table size only bounds a dynamic table this client's encoder never uses; the rest
      // (ENABLE_PUSH, MAX_HEADER_LIST_SIZE, unknown ones) ask nothing of it.
      return undefined;
    });
    if (fault !== undefined) {
      this.protocolError(fault.code, fault.why);
      return;
    }
    this.queue(settingsFrame([], true));
    this.resumeBlocked();
    this.openWaiting();
  }

  private onPingAck(payload: bigint): void {
    const answered = this.pings.get(payload);
    this.pings.delete(payload);
    answered?.();
  }

  private onGoaway(lastStreamId: number, code: number): void {
    this.goingAway = true;
    const why = `the server is closing the connection (GOAWAY ${errorCodeName(code)})`;
    for (const [id, exchange] of this.streams) {
      if (id <= lastStreamId) continue;
      this.streams.delete(id);
      this.blocked.delete(exchange);
      process.nextTick(exchange.done, new H2StreamError(why, true), undefined);
    }
    for (const exchange of this.waiting.splice(0))
      process.nextTick(exchange.done, new H2StreamError(why, true), undefined);
    this.events.onUnavailable(this);
    this.idleCheck();
  }

  private onWindowUpdate(id: number, increment: number): void {
    if (id === 0) {
      this.sendWindow += increment;
      if (this.sendWindow > MAX_WINDOW) {
        this.protocolError(ErrorCode.FLOW_CONTROL_ERROR, 'the connection window grew past 2^31-1');
        return;
      }
    } else {
      const exchange = this.streams.get(id);
      if (exchange === undefined) return;
      exchange.sendWindow += increment;
      if (exchange.sendWindow > MAX_WINDOW) {
        this.resetStream(exchange, ErrorCode.FLOW_CONTROL_ERROR, 'the stream window grew past 2^31-1');
        return;
      }
    }
    this.resumeBlocked();
  }

  /** The answer is whole. */
  private complete(exchange: Exchange): void {
    if (exchange.body !== undefined) {
      // The server answered before the whole body went: stop sending it (RFC 9113 §8.1).
      exchange.body = undefined;
      this.queueLast(rstStreamFrame(exchange.id, ErrorCode.NO_ERROR));
    }
    let body: string;
    try {
      body = answerBody(exchange.chunks);
    } catch (err) {
      const why = `the answer cannot be read: ${(err as Error).message}`;
      this.settle(exchange, new H2StreamError(why, false, { cause: err }));
      return;
    }
    this.settle(exchange, undefined, { code: exchange.code, headers: exchange.headers ?? {}, body });
  }

  /** A stream error: the stream is reset and its request fails. */
  private resetStream(exchange: Exchange, code: number, why: string, by = 'the server'): void {
    this.queueLast(rstStreamFrame(exchange.id, code));
    const message = by === 'the server' ? `the server broke HTTP/2: ${why}` : `${by} gave up: ${why}`;
    this.settle(exchange, new H2StreamError(message, false));
  }

  /** Ends an open stream's exchange: its request hears (on the next tick), and a waiting one may open. */
  private settle(exchange: Exchange, err: Error | undefined, answer?: H2Answer): void {
    this.streams.delete(exchange.id);
    this.blocked.delete(exchange);
    process.nextTick(exchange.done, err, answer);
    this.openWaiting();
    this.idleCheck();
  }

  /** A connection error: GOAWAY, then every request fails. */
  private protocolError(code: number, why: string): void {
    if (this.failure !== undefined) return;
    if (this.connected) this.socket.write(goawayFrame(0, code));
    this.fail(new Error(`the server broke HTTP/2 (${errorCodeName(code)}): ${why}`));
  }

  private fail(err: Error): void {
    if (this.failure !== undefined) return;
    this.failure = err;
    this.goingAway = true;
    this.out = [];
    this.outLast = [];
    for (const exchange of this.streams.values()) {
      const unsent = exchange.id > this.flushedUpTo;
      process.nextTick(exchange.done, new H2StreamError(err.message, unsent, { cause: err }), undefined);
    }
    for (const exchange of this.waiting)
      process.nextTick(exchange.done, new H2StreamError(err.message, true, { cause: err }), undefined);
    this.streams.clear();
    this.waiting.length = 0;
    this.blocked.clear();
    this.pings.clear();
    this.socket.destroy();
    this.events.onUnavailable(this);
  }

  /**
   * Whether the connection keeps the process alive. Called on every request, so it touches the socket only on a
   * change: while connecting, each ref() or unref() would add a listener to the socket.
   */
  private keepAlive(on: boolean): void {
    if (on === this.reffed) return;
    this.reffed = on;
    if (on) this.socket.ref();
    else this.socket.unref();
  }

  /** An idle session does not keep the process alive; a closing one ends once idle. */
  private idleCheck(): void {
    if (this.streams.size > 0 || this.waiting.length > 0) return;
    if (this.goingAway && this.failure === undefined) {
      this.queueLast(goawayFrame(0, ErrorCode.NO_ERROR));
      this.flush();
      this.failure = new Error('the session is closed');
      this.socket.end();
      this.keepAlive(false);
      // A server that never closes its side must not hold the connection (or the process) open.
      setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
      this.events.onUnavailable(this);
      return;
    }
    this.keepAlive(false);
  }
}

/** The TLS alert of a server that offers no protocol the client asked for in ALPN (here: no `h2`). */
function refusesHttp2(err: unknown): boolean {
  const code = (e: unknown): unknown => (e instanceof Error ? (e as NodeJS.ErrnoException).code : undefined);
  const alert = 'ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL';
  return code(err) === alert || (err instanceof Error && code(err.cause) === alert);
}
