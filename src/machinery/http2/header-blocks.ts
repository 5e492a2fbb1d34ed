/**
 * What both ends of an HTTP/2 connection read alike: header blocks split over HEADERS and CONTINUATION frames
 * (RFC 9113 §4.3, §6.2, §6.10) and the parameters of a SETTINGS frame (§6.5).
 */
import {
  DEFAULT_MAX_FRAME_SIZE,
  ErrorCode,
  Flag,
  FRAME_HEADER_BYTES,
  FrameType,
  MAX_WINDOW,
  Setting,
  unpadded,
} from './frames.js';

/** A connection error: its code and why. */
export interface ConnectionFault {
  readonly code: number;
  readonly why: string;
}

/**
 * Puts a header block together from its HEADERS frame and any CONTINUATION frames, and hands it on whole. A
 * block counts each of its frames with its 9-octet header against `maxBytes`, so even empty CONTINUATION frames
 * cannot go on without end.
 */
export class HeaderBlockReader {
  private continued: { id: number; flags: number; parts: Buffer[]; size: number } | undefined;

  /** @param onBlock gets each whole block with its HEADERS frame's flags (END_STREAM tells a block's role). */
  constructor(
    private readonly maxBytes: number,
    private readonly onBlock: (id: number, flags: number, block: Buffer) => void,
  ) {}

  /** Whether a frame of `type` on stream `id` breaks into a block being continued (a PROTOCOL_ERROR). */
  interrupts(type: number, id: number): boolean {
    return this.continued !== undefined && (type !== FrameType.CONTINUATION || id !== this.continued.id);
  }

  /** Reads a HEADERS or CONTINUATION frame; a fault ends the connection. */
  read(type: number, flags: number, id: number, payload: Buffer): ConnectionFault | undefined {
    if (type === FrameType.HEADERS) {
      const range = id === 0 ? undefined : unpadded(payload, flags, (flags & Flag.PRIORITY) !== 0 ? 5 : 0);
      if (range === undefined) return { code: ErrorCode.PROTOCOL_ERROR, why: 'a malformed HEADERS frame' };
      const fragment = payload.subarray(range.start, range.end);
      if ((flags & Flag.END_HEADERS) !== 0) {
        this.onBlock(id, flags, fragment);
        return undefined;
      }
      this.continued = { id, flags, parts: [fragment], size: FRAME_HEADER_BYTES + fragment.length };
      return this.tooLong(this.continued.size);
    }
    const continued = this.continued;
    if (continued === undefined) {
      return { code: ErrorCode.PROTOCOL_ERROR, why: 'a CONTINUATION frame without a header block' };
    }
    continued.parts.push(payload);
    continued.size += FRAME_HEADER_BYTES + payload.length;
    const fault = this.tooLong(continued.size);
    if (fault !== undefined || (flags & Flag.END_HEADERS) === 0) return fault;
    this.continued = undefined;
    this.onBlock(id, continued.flags, Buffer.concat(continued.parts));
    return undefined;
  }

  private tooLong(size: number): ConnectionFault | undefined {
    return size > this.maxBytes
      ? { code: ErrorCode.ENHANCE_YOUR_CALM, why: `a header block past ${this.maxBytes} octets` }
      : undefined;
  }
}

/**
 * Reads a SETTINGS frame's parameters, checking the values RFC 9113 §6.5.2 bounds (ENABLE_PUSH, the initial
 * window, the frame size), and hands each to `apply` in order; unknown ones too (they must be ignored).
 * @returns the fault that ends the connection, if any (then some parameters may have been applied).
 */
export function readSettings(
  payload: Buffer,
  apply: (setting: number, value: number) => ConnectionFault | undefined,
): ConnectionFault | undefined {
  if (payload.length % 6 !== 0) return { code: ErrorCode.FRAME_SIZE_ERROR, why: 'a malformed SETTINGS frame' };
  for (let at = 0; at < payload.length; at += 6) {
    const setting = payload.readUInt16BE(at);
    const value = payload.readUInt32BE(at + 2);
    if (setting === Setting.INITIAL_WINDOW_SIZE && value > MAX_WINDOW) {
      return { code: ErrorCode.FLOW_CONTROL_ERROR, why: `an initial window of ${value}` };
    }
    if (setting === Setting.MAX_FRAME_SIZE && (value < DEFAULT_MAX_FRAME_SIZE || value > 16_777_215)) {
      return { code: ErrorCode.PROTOCOL_ERROR, why: `a maximum frame size of ${value}` };
    }
    if (setting === Setting.ENABLE_PUSH && value > 1) {
      return { code: ErrorCode.PROTOCOL_ERROR, why: `ENABLE_PUSH of ${value}` };
    }
    const fault = apply(setting, value);
    if (fault !== undefined) return fault;
  }
  return undefined;
}
