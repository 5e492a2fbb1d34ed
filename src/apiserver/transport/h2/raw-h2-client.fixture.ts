/**
 * A test client that writes HTTP/2 frames by hand and records the frames it gets back, for checking how the
 * server answers what a well-behaved client (Node's) never sends.
 */
import * as tls from 'node:tls';
import {
  CLIENT_PREFACE,
  FRAME_HEADER_BYTES,
  frame,
  FrameType,
  MAX_WINDOW,
  settingsFrame,
} from '../../../machinery/http2/frames.js';
import { encodeHeaderBlock, HpackDecoder } from '../../../machinery/http2/hpack.js';

export interface ReceivedFrame {
  readonly type: number;
  readonly flags: number;
  readonly id: number;
  readonly payload: Buffer;
}

/**
 * A header block of literal fields written without any check (so it can carry what encoders refuse), each
 * `indexed` one added to the decoder's dynamic table (RFC 7541 §6.2.1), then `references` times a reference
 * to the newest dynamic entry (index 62).
 */
export function literalBlock(fields: readonly [string, string][], indexed = false, references = 0): Buffer {
  const parts: Buffer[] = [];
  const integer = (prefixBits: number, flags: number, value: number): number[] => {
    const max = (1 << prefixBits) - 1;
    if (value < max) return [flags | value];
    const out = [flags | max];
    for (value -= max; value >= 0x80; value >>>= 7) out.push((value & 0x7f) | 0x80);
    out.push(value);
    return out;
  };
  for (const [name, value] of fields) {
    parts.push(Buffer.from([indexed ? 0x40 : 0x00]));
    for (const text of [name, value]) {
      parts.push(Buffer.from(integer(7, 0, Buffer.byteLength(text, 'latin1'))), Buffer.from(text, 'latin1'));
    }
  }
  parts.push(Buffer.alloc(references, 0x80 | 62));
  return Buffer.concat(parts);
}

export class RawH2Client {
  readonly frames: ReceivedFrame[] = [];
  closed = false;
  private readonly socket: tls.TLSSocket;
  private inbox = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  private readonly decoder = new HpackDecoder();

  /** Connects; `preface` false leaves the preface and SETTINGS to the test. */
  constructor(port: number, ca: string, preface = true) {
    this.socket = tls.connect({ host: '127.0.0.1', port, ca, ALPNProtocols: ['h2'] });
    this.socket.on('data', (chunk: Buffer) => {
      this.inbox = Buffer.concat([this.inbox, chunk]);
      while (this.inbox.length >= FRAME_HEADER_BYTES) {
        const length = this.inbox.readUIntBE(0, 3);
        if (this.inbox.length < FRAME_HEADER_BYTES + length) break;
        this.frames.push({
          type: this.inbox[3] as number,
          flags: this.inbox[4] as number,
          id: this.inbox.readUInt32BE(5) & MAX_WINDOW,
          payload: Buffer.from(this.inbox.subarray(FRAME_HEADER_BYTES, FRAME_HEADER_BYTES + length)),
        });
        this.inbox = this.inbox.subarray(FRAME_HEADER_BYTES + length);
      }
      this.wake();
    });
    this.socket.on('error', () => undefined);
    this.socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    if (preface) this.write(Buffer.concat([CLIENT_PREFACE, settingsFrame([])]));
  }

  write(buf: Buffer): void {
    this.socket.write(buf);
  }

  /** Sends a HEADERS frame with a block of these fields. */
  headers(id: number, fields: [string, string][], flags: number): void {
    this.write(frame(FrameType.HEADERS, flags, id, encodeHeaderBlock(fields)));
  }

  /** Decodes a received HEADERS frame's block (in order: the decoder follows the server's table). */
  decode(f: ReceivedFrame): [string, string][] {
    return this.decoder.decode(f.payload);
  }

  /** Waits until a frame matching `match` arrived (or the connection closed, or 5 s went by). */
  async waitFor(match: (f: ReceivedFrame) => boolean): Promise<ReceivedFrame | undefined> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const found = this.frames.find(match);
      if (found !== undefined || this.closed || Date.now() > deadline) return found;
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  /** Waits until the server closed the connection (or 5 s went by). */
  async waitClosed(): Promise<boolean> {
    await this.waitFor(() => false);
    return this.closed;
  }

  destroy(): void {
    this.socket.destroy();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
