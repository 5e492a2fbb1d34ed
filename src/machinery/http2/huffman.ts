/**
 * The Huffman code of HPACK (RFC 7541 Appendix B): a fixed, canonical prefix code over the 256 octets plus an
 * end-of-string symbol (EOS), tuned for HTTP header text. String literals may use it (RFC 7541 §5.2); servers
 * usually do for values such as dates and content types, so decoding must be fast.
 *
 * Decoding walks a state machine four bits at a time. The states are the 256 inner nodes of the code tree;
 * a transition consumes one nibble and emits at most one octet, since every code is at least five bits long.
 * The table (256 states × 16 nibbles) is built once when the module loads.
 */
import { HpackError } from './hpack-error.js';
import { latin1 } from './latin1.js';

/*
 * The code of each symbol (right-aligned, most significant bit first) and its length in bits, indexed by the
 * octet; index 256 is EOS. From RFC 7541 Appendix B. Exported for the tests, which check that the code is
 * canonical (sorted by length then symbol, each code is the previous one plus one, shifted left by the growth
 * in length) and complete (every bit string starts with some code), as RFC 7541's is.
 */
// prettier-ignore
export const HUFFMAN_CODES: readonly number[] = [
  0x1ff8, 0x7fffd8, 0xfffffe2, 0xfffffe3, 0xfffffe4, 0xfffffe5, 0xfffffe6, 0xfffffe7, // 0–7
  0xfffffe8, 0xffffea, 0x3ffffffc, 0xfffffe9, 0xfffffea, 0x3ffffffd, 0xfffffeb, 0xfffffec, // 8–15
  0xfffffed, 0xfffffee, 0xfffffef, 0xffffff0, 0xffffff1, 0xffffff2, 0x3ffffffe, 0xffffff3, // 16–23
  0xffffff4, 0xffffff5, 0xffffff6, 0xffffff7, 0xffffff8, 0xffffff9, 0xffffffa, 0xffffffb, // 24–31
  0x14, 0x3f8, 0x3f9, 0xffa, 0x1ff9, 0x15, 0xf8, 0x7fa, // 32–39
  0x3fa, 0x3fb, 0xf9, 0x7fb, 0xfa, 0x16, 0x17, 0x18, // 40–47
  0x0, 0x1, 0x2, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, // 48–55
  0x1e, 0x1f, 0x5c, 0xfb, 0x7ffc, 0x20, 0xffb, 0x3fc, // 56–63
  0x1ffa, 0x21, 0x5d, 0x5e, 0x5f, 0x60, 0x61, 0x62, // 64–71
  0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, // 72–79
  0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x70, 0x71, 0x72, // 80–87
  0xfc, 0x73, 0xfd, 0x1ffb, 0x7fff0, 0x1ffc, 0x3ffc, 0x22, // 88–95
  0x7ffd, 0x3, 0x23, 0x4, 0x24, 0x5, 0x25, 0x26, // 96–103
  0x27, 0x6, 0x74, 0x75, 0x28, 0x29, 0x2a, 0x7, // 104–111
  0x2b, 0x76, 0x2c, 0x8, 0x9, 0x2d, 0x77, 0x78, // 112–119
  0x79, 0x7a, 0x7b, 0x7ffe, 0x7fc, 0x3ffd, 0x1ffd, 0xffffffc, // 120–127
  0xfffe6, 0x3fffd2, 0xfffe7, 0xfffe8, 0x3fffd3, 0x3fffd4, 0x3fffd5, 0x7fffd9, // 128–135
  0x3fffd6, 0x7fffda, 0x7fffdb, 0x7fffdc, 0x7fffdd, 0x7fffde, 0xffffeb, 0x7fffdf, // 136–143
  0xffffec, 0xffffed, 0x3fffd7, 0x7fffe0, 0xffffee, 0x7fffe1, 0x7fffe2, 0x7fffe3, // 144–151
  0x7fffe4, 0x1fffdc, 0x3fffd8, 0x7fffe5, 0x3fffd9, 0x7fffe6, 0x7fffe7, 0xffffef, // 152–159
  0x3fffda, 0x1fffdd, 0xfffe9, 0x3fffdb, 0x3fffdc, 0x7fffe8, 0x7fffe9, 0x1fffde, // 160–167
  0x7fffea, 0x3fffdd, 0x3fffde, 0xfffff0, 0x1fffdf, 0x3fffdf, 0x7fffeb, 0x7fffec, // 168–175
  0x1fffe0, 0x1fffe1, 0x3fffe0, 0x1fffe2, 0x7fffed, 0x3fffe1, 0x7fffee, 0x7fffef, // 176–183
  0xfffea, 0x3fffe2, 0x3fffe3, 0x3fffe4, 0x7ffff0, 0x3fffe5, 0x3fffe6, 0x7ffff1, // 184–191
  0x3ffffe0, 0x3ffffe1, 0xfffeb, 0x7fff1, 0x3fffe7, 0x7ffff2, 0x3fffe8, 0x1ffffec, // 192–199
  0x3ffffe2, 0x3ffffe3, 0x3ffffe4, 0x7ffffde, 0x7ffffdf, 0x3ffffe5, 0xfffff1, 0x1ffffed, // 200–207
  0x7fff2, 0x1fffe3, 0x3ffffe6, 0x7ffffe0, 0x7ffffe1, 0x3ffffe7, 0x7ffffe2, 0xfffff2, // 208–215
  0x1fffe4, 0x1fffe5, 0x3ffffe8, 0x3ffffe9, 0xffffffd, 0x7ffffe3, 0x7ffffe4, 0x7ffffe5, // 216–223
  0xfffec, 0xfffff3, 0xfffed, 0x1fffe6, 0x3fffe9, 0x1fffe7, 0x1fffe8, 0x7ffff3, // 224–231
  0x3fffea, 0x3fffeb, 0x1ffffee, 0x1ffffef, 0xfffff4, 0xfffff5, 0x3ffffea, 0x7ffff4, // 232–239
  0x3ffffeb, 0x7ffffe6, 0x3ffffec, 0x3ffffed, 0x7ffffe7, 0x7ffffe8, 0x7ffffe9, 0x7ffffea, // 240–247
  0x7ffffeb, 0xffffffe, 0x7ffffec, 0x7ffffed, 0x7ffffee, 0x7ffffef, 0x7fffff0, 0x3ffffee, // 248–255
  0x3fffffff, // EOS
];
// prettier-ignore
export const HUFFMAN_LENGTHS: readonly number[] = [
  13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28, // 0–15
  28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28, // 16–31
  6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6, // 32–47
  5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10, // 48–63
  13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, // 64–79
  7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6, // 80–95
  15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5, // 96–111
  6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28, // 112–127
  20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23, // 128–143
  24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24, // 144–159
  22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23, // 160–175
  21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23, // 176–191
  26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25, // 192–207
  19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27, // 208–223
  20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23, // 224–239
  26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26, // 240–255
  30, // EOS
];

/** The end-of-string symbol: never valid inside a string; its leading bits are the padding. */
const EOS = 256;

/** A transition emits the octet in bits 8–15. */
const EMIT = 0x10000;
/** A transition that would decode EOS: the string is malformed. */
const FAIL = 0x20000;

/**
 * transitions[state * 16 + nibble] = the next state (bits 0–7), plus EMIT and the octet (bits 8–15) when a
 * code ends within the nibble, or FAIL.
 */
const transitions = new Uint32Array(256 * 16);
/**
 * accepting[state] is 1 when a string may end in that state: the bits read since the last symbol are at most
 * seven ones, that is a prefix of EOS short enough to be padding (RFC 7541 §5.2).
 */
const accepting = new Uint8Array(256);

buildDecoder();

function buildDecoder(): void {
  // The code tree: inner nodes 0..255 (0 the root); a child is another inner node, or ~symbol for a leaf.
  const unset = -0x8000; // below every ~symbol
  const children = new Int32Array(256 * 2).fill(unset);
  let nodes = 1;
  for (let sym = 0; sym <= EOS; sym++) {
    const code = HUFFMAN_CODES[sym]!;
    const len = HUFFMAN_LENGTHS[sym]!;
    let node = 0;
    for (let i = len - 1; i > 0; i--) {
      const slot = node * 2 + ((code >>> i) & 1);
      let next = children[slot]!;
      if (next === unset) children[slot] = next = nodes++;
      node = next;
    }
    children[node * 2 + (code & 1)] = ~sym;
  }
  // Padding: the root and the all-ones path below it, up to seven bits deep.
  for (let node = 0, depth = 0; depth <= 7; depth++, node = children[node * 2 + 1]!) accepting[node] = 1;
  for (let state = 0; state < 256; state++) {
    for (let nibble = 0; nibble < 16; nibble++) {
      let node = state;
      let entry = 0;
      for (let bit = 3; bit >= 0; bit--) {
        const child = children[node * 2 + ((nibble >>> bit) & 1)]!;
        if (child >= 0) {
          node = child;
        } else if (~child === EOS) {
          entry = FAIL;
          break;
        } else {
          entry = EMIT | (~child << 8);
          node = 0;
        }
      }
      transitions[state * 16 + nibble] = entry | (entry === FAIL ? 0 : node);
    }
  }
}

/**
 * Where decoded octets are written before becoming one string: reused across calls, which is safe because
 * decoding is synchronous, and grown when a longer string arrives. It saves an allocation per string.
 */
let scratch = Buffer.allocUnsafeSlow(256);

/**
 * Decodes the Huffman-coded octets src[start, end) into a string of one char per octet (latin1).
 * @throws HpackError when the data holds EOS, or ends in padding that is longer than seven bits or not all
 *   ones (RFC 7541 §5.2).
 */
export function huffmanDecode(src: Uint8Array, start: number, end: number): string {
  // Codes are at least five bits long, so n octets decode to at most n * 8 / 5 octets.
  const most = ((end - start) * 8) / 5;
  if (scratch.length < most) scratch = Buffer.allocUnsafeSlow(Math.ceil(most) * 2);
  const out = scratch;
  let n = 0;
  let state = 0;
  for (let i = start; i < end; i++) {
    const octet = src[i]!;
    let t = transitions[(state << 4) | (octet >>> 4)]!;
    if (t >= EMIT) {
      if (t & FAIL) throw new HpackError('Huffman-coded string contains EOS');
      out[n++] = (t >>> 8) & 0xff;
    }
    t = transitions[((t & 0xff) << 4) | (octet & 0x0f)]!;
    if (t >= EMIT) {
      if (t & FAIL) throw new HpackError('Huffman-coded string contains EOS');
      out[n++] = (t >>> 8) & 0xff;
    }
    state = t & 0xff;
  }
  if (accepting[state] !== 1) throw new HpackError('Huffman-coded string has invalid padding');
  return latin1(out, 0, n);
}

/**
 * The number of octets huffmanEncode(s) returns.
 * @throws RangeError when s holds a char above 255 (not an octet).
 */
export function huffmanEncodedLength(s: string): number {
  let bits = 0;
  for (let i = 0; i < s.length; i++) bits += HUFFMAN_LENGTHS[octetAt(s, i)]!;
  return Math.ceil(bits / 8);
}

/**
 * Huffman-codes the octets of s (one per char), padding the last octet with the leading ones of EOS.
 * @throws RangeError when s holds a char above 255 (not an octet).
 */
export function huffmanEncode(s: string): Uint8Array {
  const out = new Uint8Array(huffmanEncodedLength(s));
  let pos = 0;
  // Pending bits, most significant first; fewer than 8 remain between symbols, so at most 7 + 30 bits are
  // held, which a double carries exactly (bitwise operators would cut them to 32).
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    const sym = octetAt(s, i);
    const len = HUFFMAN_LENGTHS[sym]!;
    acc = acc * 2 ** len + HUFFMAN_CODES[sym]!;
    bits += len;
    while (bits >= 8) {
      bits -= 8;
      const unit = 2 ** bits;
      const octet = Math.floor(acc / unit);
      out[pos++] = octet;
      acc -= octet * unit;
    }
  }
  if (bits > 0) out[pos] = (acc << (8 - bits)) | (0xff >>> bits);
  return out;
}

function octetAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c > 0xff) throw new RangeError(`char ${c} at ${i} is not an octet`);
  return c;
}
