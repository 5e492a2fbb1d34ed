/**
 * HPACK (RFC 7541), the header compression of HTTP/2: a decoder for the header blocks the peer sends, and a
 * stateless encoder for the header blocks we send (requests of the clients, answers of the API server).
 *
 * The decoder keeps the dynamic table the peer's encoder fills, so one decoder serves one connection and
 * must see every header block of it, in order. The encoder never adds to the peer's table: our few fields
 * are mostly static-table hits or short literals, and staying stateless keeps it to one function.
 */
import { HpackError } from './hpack-error.js';
import { STATIC_NAMES, STATIC_TABLE, STATIC_TABLE_LENGTH } from './hpack-static-table.js';
import { huffmanDecode } from './huffman.js';
import { latin1 } from './latin1.js';

export { HpackError } from './hpack-error.js';

/** What an entry costs in the dynamic table beyond its name and value octets (RFC 7541 §4.1). */
const ENTRY_OVERHEAD = 32;
/** The largest integer accepted: no length, index or table size legitimately comes near it. */
const MAX_INTEGER = 0x7fffffff;
/** Continuation octets an integer may use: five carry 35 bits, more than MAX_INTEGER needs. */
const MAX_CONTINUATION_OCTETS = 5;

/** The dynamic table's initial slots (a power of two; it doubles when full). */
const INITIAL_SLOTS = 16;

/**
 * Decodes the header blocks one peer sends on one connection. Not reentrant: decode() runs to completion.
 */
export class HpackDecoder {
  /** The most the peer may make the table: our SETTINGS_HEADER_TABLE_SIZE. */
  private maxTableSize: number;
  /** The size the peer last chose by a size update (at most maxTableSize): entries are evicted beyond it. */
  private capacity: number;
  /** The octets the entries take, counted as RFC 7541 §4.1 says. */
  private size = 0;
  /** The entries, as a ring of names and values: the oldest at `oldest`, the newest `count - 1` slots on. */
  private names: string[] = new Array<string>(INITIAL_SLOTS).fill('');
  private values: string[] = new Array<string>(INITIAL_SLOTS).fill('');
  /** The ring's length minus one (its length is a power of two). */
  private mask = INITIAL_SLOTS - 1;
  private oldest = 0;
  private count = 0;
  /** The read position within the block being decoded. */
  private pos = 0;

  /**
   * @param maxTableSize the dynamic table size we allow the peer (SETTINGS_HEADER_TABLE_SIZE; the protocol's
   *   initial value, 4096, unless we advertise another).
   */
  constructor(maxTableSize = 4096) {
    this.maxTableSize = maxTableSize;
    this.capacity = maxTableSize;
  }

  /** The dynamic table's current size in octets (each entry counts name + value + 32). */
  get tableSize(): number {
    return this.size;
  }

  /** The number of entries in the dynamic table. */
  get tableLength(): number {
    return this.count;
  }

  /**
   * Changes the table size we allow the peer; call it once the peer has acknowledged the SETTINGS frame
   * that advertised it. Entries beyond a smaller size are evicted at once.
   */
  setMaxTableSize(maxTableSize: number): void {
    this.maxTableSize = maxTableSize;
    if (this.capacity > maxTableSize) {
      this.capacity = maxTableSize;
      this.evictTo(maxTableSize);
    }
  }

  /**
   * Decodes one complete header block (the HEADERS and CONTINUATION payloads joined, without padding or
   * priority) into its fields, in order; names and values are latin1 strings, one char per octet. Updates
   * the dynamic table as the block says.
   * @throws HpackError when the block is malformed (COMPRESSION_ERROR): the table may then be out of step
   *   with the peer's, so the connection must not be used further.
   */
  decode(block: Uint8Array): [string, string][] {
    const buf = Buffer.isBuffer(block) ? block : Buffer.from(block.buffer, block.byteOffset, block.length);
    const end = buf.length;
    const fields: [string, string][] = [];
    this.pos = 0;
    while (this.pos < end) {
      const first = buf[this.pos]!;
      if (first >= 0x80) {
        // Indexed field (§6.1).
        const index = this.readInteger(buf, end, 7);
        fields.push(this.field(index));
      } else if (first >= 0x40) {
        // Literal with incremental indexing (§6.2.1).
        const index = this.readInteger(buf, end, 6);
        const name = index === 0 ? this.readString(buf, end) : this.nameAt(index);
        const value = this.readString(buf, end);
        this.add(name, value);
        fields.push([name, value]);
      } else if (first >= 0x20) {
        // Dynamic table size update (§6.3): only before the block's first field (§4.2).
        if (fields.length > 0) throw new HpackError('dynamic table size update after a header field');
        const size = this.readInteger(buf, end, 5);
        if (size > this.maxTableSize) {
          throw new HpackError(`dynamic table size update to ${size} exceeds the maximum ${this.maxTableSize}`);
        }
        this.capacity = size;
        this.evictTo(size);
      } else {
        // Literal without indexing (§6.2.2, 0000) or never indexed (§6.2.3, 0001).
        const index = this.readInteger(buf, end, 4);
        const name = index === 0 ? this.readString(buf, end) : this.nameAt(index);
        fields.push([name, this.readString(buf, end)]);
      }
    }
    return fields;
  }

  /**
   * Reads an integer with an N-bit prefix (§5.1) at pos, which must be inside the block.
   * @throws HpackError when it is truncated, longer than MAX_CONTINUATION_OCTETS, or above MAX_INTEGER.
   */
  private readInteger(buf: Buffer, end: number, prefixBits: number): number {
    const max = (1 << prefixBits) - 1;
    let value = buf[this.pos++]! & max;
    if (value < max) return value;
    let unit = 1;
    for (let k = 0; ; k++) {
      if (this.pos >= end) throw new HpackError('truncated integer');
      if (k === MAX_CONTINUATION_OCTETS) throw new HpackError('integer encoding too long');
      const octet = buf[this.pos++]!;
      value += (octet & 0x7f) * unit;
      if (octet < 0x80) break;
      unit *= 128;
    }
    if (value > MAX_INTEGER) throw new HpackError(`integer ${value} too large`);
    return value;
  }

  /**
   * Reads a string literal (§5.2) at pos, Huffman-coded or raw.
   * @throws HpackError when it is missing or truncated, or its Huffman data is bad.
   */
  private readString(buf: Buffer, end: number): string {
    const start = this.pos;
    if (start >= end) throw new HpackError('truncated header block: string literal missing');
    const huffman = buf[start]! >= 0x80;
    const length = this.readInteger(buf, end, 7);
    const from = this.pos;
    if (length > end - from) throw new HpackError('truncated string literal');
    this.pos = from + length;
    return huffman ? huffmanDecode(buf, from, from + length) : latin1(buf, from, from + length);
  }

  /** The field at an index of the static or dynamic table (§2.3.3). */
  private field(index: number): [string, string] {
    if (index <= STATIC_TABLE_LENGTH) {
      if (index === 0) throw new HpackError('index 0 in an indexed header field');
      const entry = STATIC_TABLE[index - 1]!;
      return [entry[0], entry[1]];
    }
    const slot = this.dynamicSlot(index);
    return [this.names[slot]!, this.values[slot]!];
  }

  /** The name at an index (never 0) of the static or dynamic table. */
  private nameAt(index: number): string {
    if (index <= STATIC_TABLE_LENGTH) return STATIC_TABLE[index - 1]![0];
    return this.names[this.dynamicSlot(index)]!;
  }

  /** The ring slot of a dynamic table index (62 is the newest entry). */
  private dynamicSlot(index: number): number {
    const age = index - STATIC_TABLE_LENGTH; // 1 = newest
    if (age > this.count) throw new HpackError(`index ${index} is beyond the tables (${this.count} dynamic entries)`);
    return (this.oldest + this.count - age) & this.mask;
  }

  /** Inserts an entry as the newest, evicting the oldest ones to make room (§4.4). */
  private add(name: string, value: string): void {
    const entrySize = name.length + value.length + ENTRY_OVERHEAD;
    if (entrySize > this.capacity) {
      // Not an error: the table just ends up empty.
      this.evictTo(0);
      return;
    }
    this.evictTo(this.capacity - entrySize);
    if (this.count > this.mask) this.grow();
    const slot = (this.oldest + this.count) & this.mask;
    this.names[slot] = name;
    this.values[slot] = value;
    this.count++;
    this.size += entrySize;
  }

  /** Evicts the oldest entries until the table takes at most `size` octets. */
  private evictTo(size: number): void {
    while (this.size > size) {
      const slot = this.oldest;
      this.size -= this.names[slot]!.length + this.values[slot]!.length + ENTRY_OVERHEAD;
      this.names[slot] = '';
      this.values[slot] = '';
      this.oldest = (slot + 1) & this.mask;
      this.count--;
    }
  }

  /** Doubles the ring, which is full, moving the entries to its start, oldest first. */
  private grow(): void {
    const slots = (this.mask + 1) * 2;
    const names = new Array<string>(slots).fill('');
    const values = new Array<string>(slots).fill('');
    for (let i = 0; i < this.count; i++) {
      const slot = (this.oldest + i) & this.mask;
      names[i] = this.names[slot]!;
      values[i] = this.values[slot]!;
    }
    this.names = names;
    this.values = values;
    this.mask = slots - 1;
    this.oldest = 0;
  }
}

/**
 * Encodes header fields as one header block, without Huffman coding and without touching the
 * peer's dynamic table: a field equal to a static entry becomes its index (§6.1), any other a literal without
 * indexing (§6.2.2) whose name is a static index when the static table has the name. Names must already be
 * lower-case, as HTTP/2 requires.
 * @throws Error when a name or value holds a char above 255, CR, LF or NUL: such a field cannot be sent, and
 *   CR/LF/NUL would let a value inject header lines wherever the request is turned back into HTTP/1.1.
 */
export function encodeHeaderBlock(fields: readonly (readonly [string, string])[]): Buffer {
  // At most: a type octet with a 4-bit-prefix index, then two length integers (1 + 5 octets each) and octets.
  let bound = 0;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    bound += field[0].length + field[1].length + 16;
  }
  const out = Buffer.allocUnsafe(bound);
  let pos = 0;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const name = field[0];
    const value = field[1];
    const known = STATIC_NAMES.get(name);
    if (known === undefined) {
      out[pos++] = 0x00;
      pos = writeRawString(out, pos, name, name);
    } else {
      const index = known.byValue.get(value);
      if (index !== undefined) {
        out[pos++] = 0x80 | index; // static indexes (≤ 61) fit the 7-bit prefix
        continue;
      }
      pos = writeInteger(out, pos, 0x00, 4, known.index);
    }
    pos = writeRawString(out, pos, value, name);
  }
  return out.subarray(0, pos);
}

/** Writes an integer with an N-bit prefix (§5.1) after the first octet's flag bits; returns the new end. */
function writeInteger(out: Buffer, pos: number, flags: number, prefixBits: number, value: number): number {
  const max = (1 << prefixBits) - 1;
  if (value < max) {
    out[pos++] = flags | value;
    return pos;
  }
  out[pos++] = flags | max;
  value -= max;
  while (value >= 0x80) {
    out[pos++] = (value & 0x7f) | 0x80;
    value >>>= 7;
  }
  out[pos++] = value;
  return pos;
}

/** Writes a raw (not Huffman-coded) string literal (§5.2), refusing chars a header cannot carry. */
function writeRawString(out: Buffer, pos: number, s: string, fieldName: string): number {
  pos = writeInteger(out, pos, 0x00, 7, s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff || c === 0x0a || c === 0x0d || c === 0x00) {
      throw new Error(`header ${JSON.stringify(fieldName)}: char ${c} cannot be sent in a header field`);
    }
    out[pos++] = c;
  }
  return pos;
}
