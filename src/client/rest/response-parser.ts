/**
 * An incremental HTTP/1.1 response parser for pipelined connections: bytes go in as they arrive, whole answers
 * come out in order. Bodies are framed by Content-Length or chunked transfer coding (trailers skipped); answers
 * to HEAD, 1xx, 204 and 304 have none; an answer with neither framing runs to the end of the connection.
 */

export interface ParsedResponse {
  readonly code: number;
  /** Header names in lower case; a repeated header's values in order, as an array. */
  readonly headers: Record<string, string | string[]>;
  readonly body: string;
  /** The server closes the connection after this answer (`Connection: close`, or a body ending with it). */
  readonly closes: boolean;
}

/** Bytes the parser refuses to hold for one answer's head: a server sending more is broken. */
const MAX_HEAD_BYTES = 64 * 1024;
const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

interface Head {
  code: number;
  headers: Record<string, string | string[]>;
  closes: boolean;
  /** Content-Length; -1 for chunked; -2 for "until the connection ends". */
  length: number;
}

export class ResponseParser {
  private buffer: Buffer = Buffer.alloc(0);
  private head: Head | undefined;
  private chunks: Buffer[] = [];
  /** Body bytes taken into `chunks` so far. */
  private bodyBytes = 0;
  /** In chunked bodies: bytes left of the current chunk (then its CRLF), or -1 when a chunk size line is next. */
  private chunkLeft = -1;

  /**
   * Feeds `data`; `expectsBody(n)` says whether the n-th answer still awaited (0: the next) may carry a body
   * (false for HEAD). Calls `answer` for each whole answer.
   * @throws Error when the bytes are not an HTTP/1.1 answer.
   */
  push(data: Buffer, expectsBody: () => boolean, answer: (response: ParsedResponse) => void): void {
    this.buffer = this.buffer.length === 0 ? data : Buffer.concat([this.buffer, data]);
    for (;;) {
      if (this.head === undefined) {
        const end = this.buffer.indexOf(HEAD_END);
        if (end < 0) {
          if (this.buffer.length > MAX_HEAD_BYTES) throw new Error('the answer head is too long');
          return;
        }
        const head = parseHead(this.buffer.toString('latin1', 0, end));
        this.buffer = this.buffer.subarray(end + HEAD_END.length);
        if (head.code >= 100 && head.code < 200) continue; // interim answers precede the real one
        if (!expectsBody() || head.code === 204 || head.code === 304) head.length = 0;
        // Without framing, the body runs to the end of the connection.
        if (head.length === -2) head.closes = true;
        this.head = head;
        this.chunks = [];
        this.bodyBytes = 0;
        this.chunkLeft = -1;
      }
      const done = this.readBody(this.head);
      if (!done) return;
      const { code, headers, closes } = this.head;
      this.head = undefined;
      const body = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
      this.chunks = [];
      answer({ code, headers, body: body.toString('utf8'), closes });
    }
  }

  /**
   * The connection ended: an answer running to its end is complete now.
   * @returns that answer, or undefined when none was being read (an answer cut short is lost).
   */
  end(): ParsedResponse | undefined {
    const head = this.head;
    if (head === undefined || head.length !== -2) return undefined;
    this.head = undefined;
    this.chunks.push(this.buffer);
    return { code: head.code, headers: head.headers, body: Buffer.concat(this.chunks).toString('utf8'), closes: true };
  }

  /** Moves body bytes from the buffer into `chunks`; true once the body is whole. */
  private readBody(head: Head): boolean {
    if (head.length >= 0) {
      const take = Math.min(head.length - this.bodyBytes, this.buffer.length);
      if (take > 0) {
        this.chunks.push(this.buffer.subarray(0, take));
        this.buffer = this.buffer.subarray(take);
        this.bodyBytes += take;
      }
      return this.bodyBytes === head.length;
    }
    if (head.length === -2) {
      if (this.buffer.length > 0) this.chunks.push(this.buffer);
      this.buffer = Buffer.alloc(0);
      return false;
    }
    return this.readChunks();
  }

  private readChunks(): boolean {
    for (;;) {
      if (this.chunkLeft < 0) {
        const eol = this.buffer.indexOf(CRLF);
        if (eol < 0) return false;
        const size = Number.parseInt(this.buffer.toString('latin1', 0, eol).split(';')[0] as string, 16);
        if (!Number.isFinite(size) || size < 0) throw new Error('a chunk size is not a hexadecimal number');
        if (size === 0) {
          // The last chunk: skip trailers up to the empty line.
          const end = this.buffer.indexOf(CRLF, eol + CRLF.length);
          if (end < 0) return false;
          if (end === eol + CRLF.length) {
            this.buffer = this.buffer.subarray(end + CRLF.length);
            return true;
          }
          const trailersEnd = this.buffer.indexOf(HEAD_END, eol);
          if (trailersEnd < 0) return false;
          this.buffer = this.buffer.subarray(trailersEnd + HEAD_END.length);
          return true;
        }
        this.buffer = this.buffer.subarray(eol + CRLF.length);
        this.chunkLeft = size;
      }
      if (this.buffer.length < this.chunkLeft + CRLF.length) {
        // Take what there is of the chunk now; its CRLF comes later.
        const take = Math.min(this.chunkLeft, this.buffer.length);
        if (take > 0) {
          this.chunks.push(this.buffer.subarray(0, take));
          this.buffer = this.buffer.subarray(take);
          this.chunkLeft -= take;
        }
        if (this.chunkLeft > 0 || this.buffer.length < CRLF.length) return false;
      }
      if (this.chunkLeft > 0) this.chunks.push(this.buffer.subarray(0, this.chunkLeft));
      this.buffer = this.buffer.subarray(this.chunkLeft + CRLF.length);
      this.chunkLeft = -1;
    }
  }
}

function parseHead(text: string): Head {
  const lines = text.split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] as string);
  if (status === null) throw new Error(`not an HTTP/1.1 answer: ${JSON.stringify((lines[0] as string).slice(0, 40))}`);
  const headers: Record<string, string | string[]> = {};
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`a malformed header line: ${JSON.stringify(line.slice(0, 40))}`);
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    const before = headers[name];
    headers[name] = before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value];
  }
  const one = (name: string): string => {
    const v = headers[name];
    return (Array.isArray(v) ? v.join(',') : (v ?? '')).toLowerCase();
  };
  const closes = one('connection')
    .split(',')
    .some((t) => t.trim() === 'close');
  let length = -2;
  if (one('transfer-encoding').includes('chunked')) length = -1;
  else if (headers['content-length'] !== undefined) {
    length = Number(one('content-length'));
    if (!Number.isSafeInteger(length) || length < 0) throw new Error('a malformed Content-Length');
  }
  return { code: Number(status[1]), headers, closes, length };
}
