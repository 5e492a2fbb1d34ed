import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HpackError } from './hpack-error.js';
import { HUFFMAN_CODES, HUFFMAN_LENGTHS, huffmanDecode, huffmanEncode, huffmanEncodedLength } from './huffman.js';

function hex(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
}

function decodeAll(src: Uint8Array): string {
  return huffmanDecode(src, 0, src.length);
}

/** Pseudo-random numbers from a fixed seed, so a failure can be replayed. */
function randomSource(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

describe('huffman', () => {
  test('the code table has 256 octets and EOS, EOS being thirty ones', () => {
    assert.equal(HUFFMAN_CODES.length, 257);
    assert.equal(HUFFMAN_LENGTHS.length, 257);
    assert.equal(HUFFMAN_CODES[256], 0x3fffffff);
    assert.equal(HUFFMAN_LENGTHS[256], 30);
  });

  test('the code table is canonical: codes follow from the lengths, ordered by length then symbol', () => {
    const symbols = [...HUFFMAN_LENGTHS.keys()].sort((a, b) => HUFFMAN_LENGTHS[a]! - HUFFMAN_LENGTHS[b]! || a - b);
    let code = 0;
    let length = HUFFMAN_LENGTHS[symbols[0]!]!;
    symbols.forEach((sym, i) => {
      if (i > 0) {
        code = (code + 1) * 2 ** (HUFFMAN_LENGTHS[sym]! - length);
        length = HUFFMAN_LENGTHS[sym]!;
      }
      assert.equal(HUFFMAN_CODES[sym], code, `symbol ${sym}`);
    });
  });

  test('the code table is complete: the code space is exactly filled', () => {
    // Kraft's sum of 2^-length over all symbols is 1, counted in units of 2^-30 (the longest code).
    const units = HUFFMAN_LENGTHS.reduce((sum, len) => sum + 2 ** (30 - len), 0);
    assert.equal(units, 2 ** 30);
  });

  // The Huffman-coded strings of RFC 7541 Appendix C.4 and C.6.
  const rfcStrings: { name: string; coded: string; text: string }[] = [
    { name: 'an authority (C.4.1)', coded: 'f1e3 c2e5 f23a 6ba0 ab90 f4ff', text: 'www.example.com' },
    { name: 'a cache directive (C.4.2)', coded: 'a8eb 1064 9cbf', text: 'no-cache' },
    { name: 'a custom name (C.4.3)', coded: '25a8 49e9 5ba9 7d7f', text: 'custom-key' },
    { name: 'a custom value (C.4.3)', coded: '25a8 49e9 5bb8 e8b4 bf', text: 'custom-value' },
    { name: 'a status (C.6.1)', coded: '6402', text: '302' },
    { name: 'a short status change (C.6.2)', coded: '640e ff', text: '307' },
    { name: 'a cache-control value (C.6.1)', coded: 'aec3 771a 4b', text: 'private' },
    {
      name: 'a date (C.6.1)',
      coded: 'd07a be94 1054 d444 a820 0595 040b 8166 e082 a62d 1bff',
      text: 'Mon, 21 Oct 2013 20:13:21 GMT',
    },
    {
      name: 'a location (C.6.1)',
      coded: '9d29 ad17 1863 c78f 0b97 c8e9 ae82 ae43 d3',
      text: 'https://www.example.com',
    },
    { name: 'a content coding (C.6.3)', coded: '9bd9 ab', text: 'gzip' },
    {
      name: 'a cookie (C.6.3)',
      coded:
        '94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07',
      text: 'foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1',
    },
    { name: 'the empty string', coded: '', text: '' },
  ];
  for (const c of rfcStrings) {
    test(`decodes ${c.name}`, () => assert.equal(decodeAll(hex(c.coded)), c.text));
    test(`encodes ${c.name} to the RFC's octets`, () => {
      assert.deepEqual(huffmanEncode(c.text), hex(c.coded));
      assert.equal(huffmanEncodedLength(c.text), hex(c.coded).length);
    });
  }

  test('decodes only the octets between start and end', () => {
    const src = hex('ffff 9bd9 ab00 00');
    assert.equal(huffmanDecode(src, 2, 5), 'gzip');
  });

  test('every octet round-trips on its own', () => {
    for (let c = 0; c < 256; c++) {
      const s = String.fromCharCode(c);
      const coded = huffmanEncode(s);
      assert.equal(coded.length, huffmanEncodedLength(s));
      assert.equal(decodeAll(coded), s, `octet ${c}`);
    }
  });

  test('all octets round-trip together, in both orders', () => {
    let s = '';
    for (let c = 0; c < 256; c++) s += String.fromCharCode(c);
    const reversed = [...s].reverse().join('');
    assert.equal(decodeAll(huffmanEncode(s)), s);
    assert.equal(decodeAll(huffmanEncode(reversed)), reversed);
  });

  test('random strings round-trip', () => {
    const random = randomSource(7541);
    for (let round = 0; round < 500; round++) {
      let s = '';
      const length = Math.floor(random() * 64);
      // Half the strings are header-like text (short codes), half any octets (long codes).
      const range = round % 2 === 0 ? 95 : 256;
      const base = round % 2 === 0 ? 32 : 0;
      for (let i = 0; i < length; i++) s += String.fromCharCode(base + Math.floor(random() * range));
      assert.equal(decodeAll(huffmanEncode(s)), s);
    }
  });

  test('random octets either decode to a string that encodes back to them, or are refused', () => {
    // The code is a complete prefix code, so a valid coding of a string is unique.
    const random = randomSource(1);
    let decoded = 0;
    for (let round = 0; round < 5000; round++) {
      const src = new Uint8Array(1 + Math.floor(random() * 8));
      for (let i = 0; i < src.length; i++) src[i] = Math.floor(random() * 256);
      // Most random endings are bad padding; end in ones to make valid strings common too.
      if (round % 2 === 0) src[src.length - 1] = src[src.length - 1]! | 0x7f;
      let text: string;
      try {
        text = decodeAll(src);
      } catch (err) {
        assert.ok(err instanceof HpackError);
        continue;
      }
      decoded++;
      assert.deepEqual(huffmanEncode(text), src);
    }
    assert.ok(decoded > 500, `only ${decoded} decoded`);
  });

  const refused: { name: string; coded: string }[] = [
    { name: 'EOS followed by padding', coded: 'ffff ffff' },
    { name: 'EOS after a symbol', coded: '1fff ffff ff' }, // 'a', then 30 ones and padding
    { name: 'EOS before a symbol', coded: 'ffff fffc' },
    { name: 'a whole octet of padding', coded: 'ff' },
    { name: 'a symbol then more than seven bits of padding', coded: '1fff' },
    { name: 'a symbol then 29 bits of padding', coded: 'ff9f ffff ff' },
    { name: 'padding of zeros', coded: '00' }, // '0' (00000) then 000
    { name: 'padding that is not all ones', coded: '1e' }, // 'a' (00011) then 110
    { name: 'a code cut short at the end', coded: 'fe' }, // 8 bits of a longer code, all ones but too long
  ];
  for (const c of refused) {
    test(`refuses ${c.name}`, () => assert.throws(() => decodeAll(hex(c.coded)), HpackError));
  }

  test('refuses to encode a char that is not an octet', () => {
    assert.throws(() => huffmanEncode('€'), RangeError);
    assert.throws(() => huffmanEncodedLength('€'), RangeError);
  });
});
