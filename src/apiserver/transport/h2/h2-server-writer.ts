/**
 * The sending half of an API server HTTP/2 connection: frames queued in one event-loop turn go out in one TLS
 * write; answers' bodies go out as the client's windows (stream and connection) allow, and wait while the
 * socket holds too much unsent.
 */
import type { TLSSocket } from 'node:tls';
import {
  DEFAULT_MAX_FRAME_SIZE,
  DEFAULT_WINDOW,
  Flag,
  frame,
  FRAME_HEADER_BYTES,
  FrameType,
  headerBlockFrames,
  writeFrameHeader,
} from '../../../machinery/http2/frames.js';
import { encodeHeaderBlock } from '../../../machinery/http2/hpack.js';
import type { StreamState } from './h2-server-stream.js';

/**
 * Bytes the socket may hold unsent before the connection stops reading the client and sending answers' bodies
 * until it drains: a client that does not read (or floods PINGs and SETTINGS it never reads the answers to)
 * cannot make the server buffer without end.
 */
const SOCKET_HIGH_WATER = 4 * 1024 * 1024;

export class H2ServerWriter {
  /** The client's SETTINGS_MAX_FRAME_SIZE. */
  peerMaxFrame = DEFAULT_MAX_FRAME_SIZE;
  /** What the client's connection window lets us send. */
  sendWindow = DEFAULT_WINDOW;
  /** Streams whose answer waits for a window or for the socket. */
  private readonly blocked = new Set<StreamState>();
  private out: Buffer[] = [];
  private flushQueued = false;
  private stopped = false;
  /** The socket holds more than SOCKET_HIGH_WATER unsent: reading and bodies wait for its 'drain'. */
  private socketFull = false;

  /** @param ended called when a stream's END_STREAM is queued. */
  constructor(
    private readonly socket: TLSSocket,
    private readonly ended: (stream: StreamState) => void,
  ) {}

  /** Queues a frame (or frames) for the turn's write. */
  queue(buf: Buffer): void {
    this.out.push(buf);
    this.flushSoon();
  }

  /** Queues a header block as HEADERS (and CONTINUATION) frames. */
  headers(id: number, block: Buffer, endStream: boolean): void {
    this.queue(headerBlockFrames(id, block, endStream, this.peerMaxFrame));
  }

  /** Sends as much of a stream's queued answer as the windows allow; the rest waits for WINDOW_UPDATE. */
  pump(stream: StreamState): void {
    const { queued } = stream;
    while (queued.length > 0) {
      const n = this.socketFull
        ? 0
        : Math.min(stream.queuedBytes, this.peerMaxFrame, stream.sendWindow, this.sendWindow);
      if (n <= 0) {
        this.blocked.add(stream);
        return;
      }
      const head = queued[0] as Buffer;
      const take = Math.min(n, head.length);
      const last = take === stream.queuedBytes && stream.endQueued;
      const header = Buffer.allocUnsafe(FRAME_HEADER_BYTES);
      writeFrameHeader(header, 0, take, FrameType.DATA, last ? Flag.END_STREAM : 0, stream.id);
      this.out.push(header, take === head.length ? head : head.subarray(0, take));
      if (take === head.length) queued.shift();
      else queued[0] = head.subarray(take);
      stream.queuedBytes -= take;
      stream.sendWindow -= take;
      this.sendWindow -= take;
      this.flushSoon();
      if (last) {
        this.blocked.delete(stream);
        this.ended(stream);
        return;
      }
    }
    this.blocked.delete(stream);
    if (stream.endQueued) {
      // Ended with nothing left to send: an empty DATA frame carries END_STREAM (it needs no window).
      this.queue(frame(FrameType.DATA, Flag.END_STREAM, stream.id, EMPTY));
      this.ended(stream);
      return;
    }
    stream.res.sent();
  }

  /** Sends what the windows now allow of the answers held back. */
  resumeBlocked(): void {
    for (const stream of this.blocked) {
      if (this.sendWindow <= 0 || this.socketFull) return;
      this.pump(stream);
    }
  }

  isBlocked(stream: StreamState): boolean {
    return this.blocked.has(stream);
  }

  /** The stream closed: nothing more of it is sent. */
  forget(stream: StreamState): void {
    this.blocked.delete(stream);
  }

  /** Writes what is queued now. */
  flush(): void {
    this.flushQueued = false;
    const { out } = this;
    if (out.length === 0 || this.stopped) return;
    this.out = [];
    this.socket.write(out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out));
    if (!this.socketFull && this.socket.writableLength > SOCKET_HIGH_WATER) {
      this.socketFull = true;
      this.socket.pause();
    }
  }

  /** The socket wrote what it held: read the client again and send the bodies held back. */
  drained(): void {
    if (!this.socketFull || this.stopped) return;
    this.socketFull = false;
    this.socket.resume();
    this.resumeBlocked();
  }

  /** Drops what is queued and writes nothing more (the connection is ending). */
  stop(): void {
    this.stopped = true;
    this.out = [];
    this.blocked.clear();
  }

  private flushSoon(): void {
    if (!this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => this.flush());
    }
  }
}

/** An answer's header block: `:status`, `date`, then its headers (repeated ones as several fields). */
export function answerHeaderBlock(status: number, headers: Record<string, string | string[]>): Buffer {
  const fields: [string, string][] = [
    [':status', String(status)],
    ['date', httpDate()],
  ];
  for (const name in headers) {
    if (CONNECTION_HEADERS.has(name)) continue;
    const value = headers[name] as string | string[];
    if (typeof value === 'string') fields.push([name, value]);
    else for (const one of value) fields.push([name, one]);
  }
  return encodeHeaderBlock(fields);
}

const EMPTY = Buffer.alloc(0);

/** Headers HTTP/2 forbids in answers (RFC 9113 §8.2.2). */
const CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

let dateSecond = 0;
let dateText = '';
/** The Date header's value, made once a second. */
function httpDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(now).toUTCString();
  }
  return dateText;
}
