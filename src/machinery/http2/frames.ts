/**
 * HTTP/2 frames (RFC 9113 §4, §6): their types, flags, error codes and settings, and the 9-octet header every
 * frame starts with: what the API server and its clients send and read.
 */

export const FrameType = {
  DATA: 0x0,
  HEADERS: 0x1,
  PRIORITY: 0x2,
  RST_STREAM: 0x3,
  SETTINGS: 0x4,
  PUSH_PROMISE: 0x5,
  PING: 0x6,
  GOAWAY: 0x7,
  WINDOW_UPDATE: 0x8,
  CONTINUATION: 0x9,
} as const;

export const Flag = {
  /** DATA, HEADERS: the sender's last frame on the stream. */
  END_STREAM: 0x1,
  /** SETTINGS, PING: an acknowledgement. */
  ACK: 0x1,
  /** HEADERS, CONTINUATION: the header block ends here. */
  END_HEADERS: 0x4,
  /** DATA, HEADERS: a pad length octet leads the payload and that much padding ends it. */
  PADDED: 0x8,
  /** HEADERS: 5 octets of priority follow the pad length. */
  PRIORITY: 0x20,
} as const;

/** Error codes of RST_STREAM and GOAWAY (RFC 9113 §7). */
export const ErrorCode = {
  NO_ERROR: 0x0,
  PROTOCOL_ERROR: 0x1,
  INTERNAL_ERROR: 0x2,
  FLOW_CONTROL_ERROR: 0x3,
  STREAM_CLOSED: 0x5,
  FRAME_SIZE_ERROR: 0x6,
  REFUSED_STREAM: 0x7,
  CANCEL: 0x8,
  COMPRESSION_ERROR: 0x9,
  ENHANCE_YOUR_CALM: 0xb,
} as const;

const ERROR_NAMES = [
  'NO_ERROR',
  'PROTOCOL_ERROR',
  'INTERNAL_ERROR',
  'FLOW_CONTROL_ERROR',
  'SETTINGS_TIMEOUT',
  'STREAM_CLOSED',
  'FRAME_SIZE_ERROR',
  'REFUSED_STREAM',
  'CANCEL',
  'COMPRESSION_ERROR',
  'CONNECT_ERROR',
  'ENHANCE_YOUR_CALM',
  'INADEQUATE_SECURITY',
  'HTTP_1_1_REQUIRED',
];

/** An error code's name as RFC 9113 §7 gives it, e.g. `REFUSED_STREAM`; unknown ones in hex. */
export function errorCodeName(code: number): string {
  return ERROR_NAMES[code] ?? `0x${code.toString(16)}`;
}

/** SETTINGS parameters (RFC 9113 §6.5.2). */
export const Setting = {
  HEADER_TABLE_SIZE: 0x1,
  ENABLE_PUSH: 0x2,
  MAX_CONCURRENT_STREAMS: 0x3,
  INITIAL_WINDOW_SIZE: 0x4,
  MAX_FRAME_SIZE: 0x5,
  MAX_HEADER_LIST_SIZE: 0x6,
} as const;

/** What a client sends first on a connection, before its SETTINGS. */
export const CLIENT_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

export const FRAME_HEADER_BYTES = 9;
/** The largest frame payload either side may send until told otherwise. */
export const DEFAULT_MAX_FRAME_SIZE = 16_384;
/** Every window's size until SETTINGS or WINDOW_UPDATE change it. */
export const DEFAULT_WINDOW = 65_535;
/** The largest a flow-control window may grow. */
export const MAX_WINDOW = 2 ** 31 - 1;

/** A frame: its header, then a copy of `payload`. */
export function frame(type: number, flags: number, streamId: number, payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  writeFrameHeader(out, 0, payload.length, type, flags, streamId);
  out.set(payload, FRAME_HEADER_BYTES);
  return out;
}

/** Writes a frame header into `out` at `at`. */
export function writeFrameHeader(
  out: Buffer,
  at: number,
  length: number,
  type: number,
  flags: number,
  streamId: number,
): void {
  out[at] = (length >>> 16) & 0xff;
  out[at + 1] = (length >>> 8) & 0xff;
  out[at + 2] = length & 0xff;
  out[at + 3] = type;
  out[at + 4] = flags;
  out.writeUInt32BE(streamId & MAX_WINDOW, at + 5);
}

/** A SETTINGS frame with the given parameters (none and `ack` for an acknowledgement). */
export function settingsFrame(settings: readonly (readonly [number, number])[], ack = false): Buffer {
  const payload = Buffer.allocUnsafe(6 * settings.length);
  settings.forEach(([id, value], i) => {
    payload.writeUInt16BE(id, 6 * i);
    payload.writeUInt32BE(value, 6 * i + 2);
  });
  return frame(FrameType.SETTINGS, ack ? Flag.ACK : 0, 0, payload);
}

export function windowUpdateFrame(streamId: number, increment: number): Buffer {
  const out = Buffer.allocUnsafe(FRAME_HEADER_BYTES + 4);
  writeFrameHeader(out, 0, 4, FrameType.WINDOW_UPDATE, 0, streamId);
  out.writeUInt32BE(increment & MAX_WINDOW, FRAME_HEADER_BYTES);
  return out;
}

export function rstStreamFrame(streamId: number, code: number): Buffer {
  const out = Buffer.allocUnsafe(FRAME_HEADER_BYTES + 4);
  writeFrameHeader(out, 0, 4, FrameType.RST_STREAM, 0, streamId);
  out.writeUInt32BE(code, FRAME_HEADER_BYTES);
  return out;
}

export function goawayFrame(lastStreamId: number, code: number): Buffer {
  const out = Buffer.allocUnsafe(FRAME_HEADER_BYTES + 8);
  writeFrameHeader(out, 0, 8, FrameType.GOAWAY, 0, 0);
  out.writeUInt32BE(lastStreamId & MAX_WINDOW, FRAME_HEADER_BYTES);
  out.writeUInt32BE(code, FRAME_HEADER_BYTES + 4);
  return out;
}

/**
 * A frame's payload without its padding (and, for HEADERS, without its priority fields), as [start, end) in
 * `payload`; undefined when the padding does not fit (a PROTOCOL_ERROR).
 */
export function unpadded(
  payload: Buffer,
  flags: number,
  priorityBytes: number,
): { start: number; end: number } | undefined {
  let start = 0;
  let end = payload.length;
  if ((flags & Flag.PADDED) !== 0) {
    if (payload.length < 1) return undefined;
    end -= payload[0] as number;
    start = 1;
  }
  start += priorityBytes;
  return start > end ? undefined : { start, end };
}

/** A header block as one HEADERS frame, or HEADERS then CONTINUATION frames past `maxFrame`, in one buffer. */
export function headerBlockFrames(id: number, block: Buffer, endStream: boolean, maxFrame: number): Buffer {
  const end = endStream ? Flag.END_STREAM : 0;
  if (block.length <= maxFrame) {
    const out = Buffer.allocUnsafe(FRAME_HEADER_BYTES + block.length);
    writeFrameHeader(out, 0, block.length, FrameType.HEADERS, end | Flag.END_HEADERS, id);
    block.copy(out, FRAME_HEADER_BYTES);
    return out;
  }
  const frames: Buffer[] = [];
  for (let at = 0; at < block.length; at += maxFrame) {
    const last = at + maxFrame >= block.length;
    const type = at === 0 ? FrameType.HEADERS : FrameType.CONTINUATION;
    const flags = (at === 0 ? end : 0) | (last ? Flag.END_HEADERS : 0);
    frames.push(frame(type, flags, id, block.subarray(at, at + maxFrame)));
  }
  return Buffer.concat(frames);
}

/** What a FrameReader hands on: one whole frame; false stops the reading (the connection failed). */
export type FrameSink = (type: number, flags: number, id: number, payload: Buffer) => boolean;

/** Cuts a connection's bytes into frames, keeping a frame's start until the rest of it arrives. */
export class FrameReader {
  private inbox: Buffer | undefined;

  /**
   * Hands each whole frame in `chunk` (after what was kept) to `sink`, in order.
   * @returns false when a frame is longer than `maxFrame` (a FRAME_SIZE_ERROR) or `sink` stopped the reading.
   */
  read(chunk: Buffer, maxFrame: number, sink: FrameSink): boolean {
    const buf = this.inbox === undefined ? chunk : Buffer.concat([this.inbox, chunk]);
    this.inbox = undefined;
    let at = 0;
    while (buf.length - at >= FRAME_HEADER_BYTES) {
      const length = ((buf[at] as number) << 16) | ((buf[at + 1] as number) << 8) | (buf[at + 2] as number);
      if (length > maxFrame) return false;
      if (buf.length - at < FRAME_HEADER_BYTES + length) break;
      const type = buf[at + 3] as number;
      const flags = buf[at + 4] as number;
      const id = buf.readUInt32BE(at + 5) & MAX_WINDOW;
      const payload = buf.subarray(at + FRAME_HEADER_BYTES, at + FRAME_HEADER_BYTES + length);
      at += FRAME_HEADER_BYTES + length;
      if (!sink(type, flags, id, payload)) return false;
    }
    if (at < buf.length) this.inbox = buf.subarray(at);
    return true;
  }
}
