/**
 * Go's text formatting where upstream messages embed values: `%q` (strconv.Quote) and `%#v` of a string
 * slice. Messages that quote user input must quote it the way kube-apiserver does.
 */

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

/** Go's `%q` of a string: double-quoted, with Go's escapes for control and non-printable characters. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const escaped = ESCAPES[ch];
    if (escaped !== undefined) {
      out += escaped;
      continue;
    }
    const cp = ch.codePointAt(0) ?? 0xfffd;
    if (ch === ' ' || PRINTABLE.test(ch)) out += ch;
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\ufffd';
    else if (cp < 0x10000) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return `${out}"`;
}

/** Go's `%#v` of a `[]string`: `[]string{"a", "b"}`. */
export const goStringSlice = (values: readonly string[]): string => `[]string{${values.map(goQuote).join(', ')}}`;

/** Go's `len` of a string: its UTF-8 byte count (upstream's length limits count bytes). */
export const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Go's byte-wise string order (sort.Strings), which differs from UTF-16 order above U+FFFF. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  // UTF-16 order agrees with code point (= UTF-8 byte) order unless a surrogate pair is involved.
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : 1;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

const SURROGATE = /[\ud800-\udfff]/;
