/**
 * One HTTP/2 connection (RFC 9113) of the API server, over TLS. Node's HTTP/2 server spends ~60 µs of
 * JavaScript on each request (a Duplex stream per stream, compatibility objects over it, emitters, header
 * validation, nghttp2's callbacks); a pod's scheduling takes three requests. Here a request is a decoded
 * header block and two small objects, and the frames a turn produces go out in one TLS write.
 *
 * What it keeps of the protocol: the preface and SETTINGS both ways, HPACK (a full decoder; answers are encoded
 * without touching the client's dynamic table), flow control both ways (a client may send a stream 256 KiB
 * ahead of what its handler read, as kube-apiserver allows), our limit on concurrent streams (extra ones are
 * refused), padding, CONTINUATION, trailers (read and dropped), RST_STREAM, GOAWAY and PING. It does not
 * push. Bad frames end the connection with GOAWAY; a malformed request resets its stream.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { TLSSocket } from 'node:tls';
import {
  CLIENT_PREFACE,
  DEFAULT_MAX_FRAME_SIZE,
  DEFAULT_WINDOW,
  ErrorCode,
  Flag,
  frame,
  FrameReader,
  FrameType,
  goawayFrame,
  MAX_WINDOW,
  rstStreamFrame,
  Setting,
  settingsFrame,
  unpadded,
  windowUpdateFrame,
} from '../../../machinery/http2/frames.js';
import { HeaderBlockReader, readSettings } from '../../../machinery/http2/header-blocks.js';
import { encodeHeaderBlock, HpackDecoder } from '../../../machinery/http2/hpack.js';
import { requestHeaders } from './request-headers.js';
import { answerHeaderBlock, H2ServerWriter } from './h2-server-writer.js';
import { H2ServerRequest, H2ServerResponse, type StreamSink, type StreamState } from './h2-server-stream.js';

/** Streams a client may have open at once (kube-apiserver's default). */
const MAX_CONCURRENT_STREAMS = 1000;
/** How far ahead of its handler's reading a client may send a request body (kube-apiserver's figure). */
const STREAM_WINDOW = 256 * 1024;
/** The connection's receive window: every stream's at once. */
const CONNECTION_WINDOW = MAX_CONCURRENT_STREAMS * STREAM_WINDOW;
/** The largest header block taken, compressed or decoded (Go's default limit). */
const MAX_HEADER_BYTES = 1024 * 1024;
/** How long a connection told GOAWAY may take to close its side before it is dropped. */
const CLOSE_GRACE_MS = 2_000;

/** Serves a stream; the promise (if any) settles when its handler is done, answered or not. */
export type StreamHandler = (req: H2ServerRequest, res: H2ServerResponse) => void | Promise<void>;

export class H2ServerSession implements StreamSink {
  private readonly decoder = new HpackDecoder();
  private readonly streams = new Map<number, StreamState>();
  private readonly writer: H2ServerWriter;
  private prefaceSeen = false;
  /** The preface's first octets, while the rest of it has not come. */
  private prefaceStart: Buffer | undefined;
  private readonly reader = new FrameReader();
  private readonly blocks = new HeaderBlockReader(MAX_HEADER_BYTES, (id, flags, block) =>
    this.onHeaderBlock(id, flags, block),
  );
  /** The highest stream id the client opened. */
  private lastStreamId = 0;
  private goingAway = false;
  private closed = false;
  private peerInitialWindow = DEFAULT_WINDOW;
  /** Request bytes the handlers read (or that were dropped) not yet credited back to the connection. */
  private unacked = 0;
  /**
   * Handlers still running, their streams closed or not: they count against the stream limit, so a client
   * that resets each stream at once cannot start handlers without bound (CVE-2023-44487, "rapid reset").
   */
  private running = 0;

  constructor(
    private readonly socket: TLSSocket,
    private readonly handler: StreamHandler,
  ) {
    this.writer = new H2ServerWriter(socket, (stream) => this.endedLocally(stream));
    this.queue(
      settingsFrame([
        [Setting.MAX_CONCURRENT_STREAMS, MAX_CONCURRENT_STREAMS],
        [Setting.INITIAL_WINDOW_SIZE, STREAM_WINDOW],
        [Setting.MAX_HEADER_LIST_SIZE, MAX_HEADER_BYTES],
      ]),
    );
    this.queue(windowUpdateFrame(0, CONNECTION_WINDOW - DEFAULT_WINDOW));
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      try {
        this.read(chunk);
      } catch (err) {
        // A bug here must not take the process down: this connection ends, the others go on.
        process.stderr.write(`apiserver: HTTP/2 connection dropped: ${(err as Error)?.stack ?? String(err)}\n`);
        this.destroy();
      }
    });
    socket.on('error', () => this.destroy());
    socket.on('close', () => this.destroy());
    socket.on('drain', () => this.writer.drained());
  }

  /** Takes no new streams; the connection ends once the open ones are answered. */
  close(): void {
    if (this.closed || this.goingAway) return;
    this.goingAway = true;
    this.queue(goawayFrame(this.lastStreamId, ErrorCode.NO_ERROR));
    this.endIfIdle();
  }

  /** Ends the connection at once: open streams close unanswered. */
  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    this.writer.stop();
    const gone = new Error('the connection closed');
    for (const stream of this.streams.values()) this.closeStream(stream, gone);
    this.streams.clear();
    this.socket.destroy();
  }

  // ---- StreamSink: what the responses and requests ask ----

  sendHead(stream: StreamState, status: number, headers: Record<string, string | string[]>, end: boolean): void {
    const block = answerHeaderBlock(status, headers);
    if (stream.closed || stream.localEnded) return;
    this.writer.headers(stream.id, block, end);
    if (end) this.endedLocally(stream);
  }

  sendData(stream: StreamState, data: Buffer | undefined, end: boolean): void {
    if (stream.closed || stream.localEnded || stream.endQueued) return;
    if (data !== undefined && data.length > 0) {
      stream.queued.push(data);
      stream.queuedBytes += data.length;
    }
    if (end) stream.endQueued = true;
    this.writer.pump(stream);
  }

  reset(stream: StreamState, code: number): void {
    if (stream.closed) return;
    this.queue(rstStreamFrame(stream.id, code));
    this.closeStream(stream, new Error('the server reset the stream'));
  }

  consumed(stream: StreamState, bytes: number): void {
    // A closed stream's unread bytes were credited back when it closed.
    if (stream.closed) return;
    stream.unread -= bytes;
    this.credit(bytes);
    if (stream.remoteEnded) return;
    stream.unacked += bytes;
    if (stream.unacked >= STREAM_WINDOW / 2) {
      this.queue(windowUpdateFrame(stream.id, stream.unacked));
      stream.unacked = 0;
    }
  }

  /** Our END_STREAM is on its way: the stream closes, or is reset if the client is still sending (§8.1). */
  private endedLocally(stream: StreamState): void {
    stream.localEnded = true;
    if (!stream.remoteEnded) this.queue(rstStreamFrame(stream.id, ErrorCode.NO_ERROR));
    this.closeStream(stream, undefined);
  }

  private queue(buf: Buffer): void {
    this.writer.queue(buf);
  }

  /** Credits bytes back to the client's connection window, in steps. */
  private credit(bytes: number): void {
    this.unacked += bytes;
    if (this.unacked >= STREAM_WINDOW / 2) {
      this.queue(windowUpdateFrame(0, this.unacked));
      this.unacked = 0;
    }
  }

  // ---- receiving ----

  private read(chunk: Buffer): void {
    if (this.closed) return;
    if (!this.prefaceSeen) {
      const buf = this.prefaceStart === undefined ? chunk : Buffer.concat([this.prefaceStart, chunk]);
      const n = Math.min(buf.length, CLIENT_PREFACE.length);
      if (!buf.subarray(0, n).equals(CLIENT_PREFACE.subarray(0, n))) {
        this.connectionError(ErrorCode.PROTOCOL_ERROR);
        return;
      }
      if (n < CLIENT_PREFACE.length) {
        this.prefaceStart = buf;
        return;
      }
      this.prefaceSeen = true;
      this.prefaceStart = undefined;
      chunk = buf.subarray(CLIENT_PREFACE.length);
    }
    const whole = this.reader.read(chunk, DEFAULT_MAX_FRAME_SIZE, this.onFrameBound);
    if (!whole && !this.closed) this.connectionError(ErrorCode.FRAME_SIZE_ERROR);
  }

  private readonly onFrameBound = (type: number, flags: number, id: number, payload: Buffer): boolean => {
    this.onFrame(type, flags, id, payload);
    return !this.closed;
  };

  private onFrame(type: number, flags: number, id: number, payload: Buffer): void {
    if (this.blocks.interrupts(type, id)) {
      this.connectionError(ErrorCode.PROTOCOL_ERROR);
      return;
    }
    switch (type) {
      case FrameType.DATA:
        this.onData(flags, id, payload);
        return;
      case FrameType.HEADERS:
      case FrameType.CONTINUATION: {
        const fault = this.blocks.read(type, flags, id, payload);
        if (fault !== undefined) this.connectionError(fault.code);
        return;
      }
      case FrameType.RST_STREAM:
        if (payload.length !== 4) this.connectionError(ErrorCode.FRAME_SIZE_ERROR);
        else if (id === 0) this.connectionError(ErrorCode.PROTOCOL_ERROR);
        else this.onReset(id);
        return;
      case FrameType.SETTINGS:
        this.onSettings(flags, id, payload);
        return;
      case FrameType.PING:
        if (payload.length !== 8) this.connectionError(ErrorCode.FRAME_SIZE_ERROR);
        else if (id !== 0) this.connectionError(ErrorCode.PROTOCOL_ERROR);
        else if ((flags & Flag.ACK) === 0) this.queue(frame(FrameType.PING, Flag.ACK, 0, payload));
        return;
      case FrameType.GOAWAY:
        if (id !== 0) this.connectionError(ErrorCode.PROTOCOL_ERROR);
        else if (payload.length < 8) this.connectionError(ErrorCode.FRAME_SIZE_ERROR);
        else this.onGoaway();
        return;
      case FrameType.WINDOW_UPDATE:
        if (payload.length !== 4) this.connectionError(ErrorCode.FRAME_SIZE_ERROR);
        else this.onWindowUpdate(id, payload.readUInt32BE(0) & MAX_WINDOW);
        return;
      case FrameType.PUSH_PROMISE:
        // Only servers push.
        this.connectionError(ErrorCode.PROTOCOL_ERROR);
        return;
      case FrameType.PRIORITY:
        // Priorities are not acted on, only checked (RFC 9113 §6.3).
        if (id === 0) this.connectionError(ErrorCode.PROTOCOL_ERROR);
        else if (payload.length !== 5) this.streamError(id, ErrorCode.FRAME_SIZE_ERROR);
        return;
      default:
        // Unknown frame types are ignored (RFC 9113 §5.5).
        return;
    }
  }

  private onData(flags: number, id: number, payload: Buffer): void {
    const range = id === 0 ? undefined : unpadded(payload, flags, 0);
    if (range === undefined) {
      this.connectionError(ErrorCode.PROTOCOL_ERROR);
      return;
    }
    const stream = this.streams.get(id);
    if (stream === undefined || stream.remoteEnded) {
      // A stream already closed (or never opened): its bytes still count against the connection's window.
      if (id > this.lastStreamId) {
        this.connectionError(ErrorCode.PROTOCOL_ERROR);
        return;
      }
      this.credit(payload.length);
      if (stream !== undefined) this.reset(stream, ErrorCode.STREAM_CLOSED);
      return;
    }
    const size = range.end - range.start;
    // Padding counts against the windows but no handler reads it: credited at once.
    const padding = payload.length - size;
    if (padding > 0) this.consumedPadding(stream, padding);
    stream.received += size;
    if (stream.declaredLength >= 0 && stream.received > stream.declaredLength) {
      this.reset(stream, ErrorCode.PROTOCOL_ERROR);
      return;
    }
    if (size > 0) {
      stream.unread += size;
      if (stream.unread > STREAM_WINDOW) {
        this.reset(stream, ErrorCode.FLOW_CONTROL_ERROR);
        return;
      }
      // A copy: a view would keep the whole socket chunk (and any padding around it) alive while unread.
      stream.req.push(Buffer.from(payload.subarray(range.start, range.end)));
    }
    if ((flags & Flag.END_STREAM) !== 0) this.endedRemotely(stream);
  }

  private consumedPadding(stream: StreamState, bytes: number): void {
    stream.unread += bytes;
    this.consumed(stream, bytes);
  }

  private onHeaderBlock(id: number, flags: number, block: Buffer): void {
    let fields: [string, string][];
    try {
      // Every block is decoded, even one of a stream that is gone: the decoder's table must follow the client's.
      fields = this.decoder.decode(block);
    } catch {
      this.connectionError(ErrorCode.COMPRESSION_ERROR);
      return;
    }
    const endStream = (flags & Flag.END_STREAM) !== 0;
    const open = this.streams.get(id);
    if (open !== undefined) {
      // Trailers: they end the body and are not kept.
      if (open.remoteEnded) this.reset(open, ErrorCode.STREAM_CLOSED);
      else if (!endStream) this.reset(open, ErrorCode.PROTOCOL_ERROR);
      else this.endedRemotely(open);
      return;
    }
    if (id <= this.lastStreamId) return; // a stream already closed: nothing to do
    if (id % 2 === 0) {
      this.connectionError(ErrorCode.PROTOCOL_ERROR);
      return;
    }
    this.lastStreamId = id;
    if (this.goingAway) return; // past our GOAWAY: not processed, as the client knows
    if (this.streams.size >= MAX_CONCURRENT_STREAMS || this.running >= MAX_CONCURRENT_STREAMS) {
      this.queue(rstStreamFrame(id, ErrorCode.REFUSED_STREAM));
      return;
    }
    if (headerListSize(fields) > MAX_HEADER_BYTES) {
      // As Go's server: 431, and the rest of the request (if any) is not read.
      this.writer.headers(id, encodeHeaderBlock([[':status', '431']]), true);
      if (!endStream) this.queue(rstStreamFrame(id, ErrorCode.NO_ERROR));
      return;
    }
    const parsed = requestHeaders(fields);
    if (parsed === undefined) {
      this.queue(rstStreamFrame(id, ErrorCode.PROTOCOL_ERROR));
      return;
    }
    this.openStream(id, parsed, endStream);
  }

  private openStream(
    id: number,
    parsed: { method: string; path: string; headers: IncomingHttpHeaders; contentLength: number },
    endStream: boolean,
  ): void {
    const req = new H2ServerRequest(parsed.method, parsed.path, parsed.headers, this.socket, this);
    const res = new H2ServerResponse(this, parsed.method === 'HEAD');
    const stream: StreamState = {
      id,
      req,
      res,
      sendWindow: this.peerInitialWindow,
      queued: [],
      queuedBytes: 0,
      endQueued: false,
      remoteEnded: false,
      localEnded: false,
      closed: false,
      unread: 0,
      unacked: 0,
      declaredLength: parsed.contentLength,
      received: 0,
    };
    req.stream = stream;
    res.stream = stream;
    this.streams.set(id, stream);
    if (endStream) this.endedRemotely(stream);
    // A request found malformed on its END_STREAM (its body shorter than declared) was reset: not served.
    if (stream.closed) return;
    this.running++;
    const served = this.handler(req, res);
    if (served === undefined) this.running--;
    else void served.finally(() => this.running--);
  }

  /** The client's END_STREAM: the body is whole (and must match its declared length). */
  private endedRemotely(stream: StreamState): void {
    if (stream.declaredLength >= 0 && stream.received !== stream.declaredLength) {
      this.reset(stream, ErrorCode.PROTOCOL_ERROR);
      return;
    }
    stream.remoteEnded = true;
    stream.req.finish();
    if (stream.localEnded) this.closeStream(stream, undefined);
  }

  private onReset(id: number): void {
    const stream = this.streams.get(id);
    if (stream !== undefined) this.closeStream(stream, new Error('the client reset the stream'));
    else if (id > this.lastStreamId) this.connectionError(ErrorCode.PROTOCOL_ERROR);
  }

  private onSettings(flags: number, id: number, payload: Buffer): void {
    if (id !== 0) {
      this.connectionError(ErrorCode.PROTOCOL_ERROR);
      return;
    }
    if ((flags & Flag.ACK) !== 0) {
      if (payload.length > 0) this.connectionError(ErrorCode.FRAME_SIZE_ERROR);
      return;
    }
    const fault = readSettings(payload, (setting, value) => {
      if (setting === Setting.INITIAL_WINDOW_SIZE) {
        const delta = value - this.peerInitialWindow;
        this.peerInitialWindow = value;
        for (const stream of this.streams.values()) {
          stream.sendWindow += delta;
          if (stream.sendWindow > MAX_WINDOW)
            return { code: ErrorCode.FLOW_CONTROL_ERROR, why: 'a window past 2^31-1' };
        }
      } else if (setting === Setting.MAX_FRAME_SIZE) {
        this.writer.peerMaxFrame = value;
      }
      // The header table size bounds a dynamic table our encoder never uses; the client's stream limit bounds
      // pushes, which this server never makes; the rest ask nothing of a server.
      return undefined;
    });
    if (fault !== undefined) {
      this.connectionError(fault.code);
      return;
    }
    this.queue(settingsFrame([], true));
    this.writer.resumeBlocked();
  }

  private onGoaway(): void {
    // The client opens no more streams; those open are still answered.
    this.goingAway = true;
    this.endIfIdle();
  }

  private onWindowUpdate(id: number, increment: number): void {
    if (id === 0) {
      if (increment === 0) {
        this.connectionError(ErrorCode.PROTOCOL_ERROR);
        return;
      }
      this.writer.sendWindow += increment;
      if (this.writer.sendWindow > MAX_WINDOW) {
        this.connectionError(ErrorCode.FLOW_CONTROL_ERROR);
        return;
      }
      this.writer.resumeBlocked();
      return;
    }
    const stream = this.streams.get(id);
    if (stream === undefined) {
      if (id > this.lastStreamId) this.connectionError(ErrorCode.PROTOCOL_ERROR);
      return;
    }
    if (increment === 0) {
      this.reset(stream, ErrorCode.PROTOCOL_ERROR);
      return;
    }
    stream.sendWindow += increment;
    if (stream.sendWindow > MAX_WINDOW) {
      this.reset(stream, ErrorCode.FLOW_CONTROL_ERROR);
      return;
    }
    if (this.writer.isBlocked(stream)) this.writer.pump(stream);
  }

  // ---- ending ----

  /** The stream is done: answered (`err` undefined), reset, or lost with the connection. */
  private closeStream(stream: StreamState, err: Error | undefined): void {
    if (stream.closed) return;
    stream.closed = true;
    this.streams.delete(stream.id);
    this.writer.forget(stream);
    // Body bytes no handler will read give their room back to the connection.
    if (stream.unread > 0 && !this.closed) this.credit(stream.unread);
    stream.unread = 0;
    stream.queued = [];
    stream.queuedBytes = 0;
    // A body that had not ended never will: its reader fails, and what it had not read is dropped.
    if (!stream.remoteEnded) stream.req.fail(err ?? new Error('the stream closed before the request body ended'));
    process.nextTick(emitClose, stream);
    this.endIfIdle();
  }

  /** A stream error on a stream that may not be open: RST_STREAM, and the stream (if open) closes. */
  private streamError(id: number, code: number): void {
    const stream = this.streams.get(id);
    if (stream !== undefined) this.reset(stream, code);
    else this.queue(rstStreamFrame(id, code));
  }

  private endIfIdle(): void {
    if (!this.goingAway || this.closed || this.streams.size > 0) return;
    this.writer.flush();
    this.socket.end();
    setTimeout(() => this.destroy(), CLOSE_GRACE_MS).unref();
  }

  /** A connection error: GOAWAY with its code, then the connection ends. */
  private connectionError(code: number): void {
    if (this.closed) return;
    this.writer.stop();
    this.socket.write(goawayFrame(this.lastStreamId, code));
    const gone = new Error('the connection closed on a protocol error');
    for (const stream of this.streams.values()) this.closeStream(stream, gone);
    this.closed = true;
    this.socket.end();
    setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
  }
}

/** A header list's size as RFC 9113 §6.5.2 counts it: each field's name and value octets plus 32. */
function headerListSize(fields: readonly (readonly [string, string])[]): number {
  let size = 0;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    size += field[0].length + field[1].length + 32;
  }
  return size;
}

function emitClose(stream: StreamState): void {
  stream.req.emit('close');
  stream.res.emit('close');
}
