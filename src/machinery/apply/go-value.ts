/**
 * JSON values the way upstream's structured-merge-diff sees them: a total order over values (used to sort
 * set elements and list keys), the human-readable form field paths print (`[name="app"]`), and the JSON
 * encoding Go writes (sorted object members, `<` `>` `&` escaped), which FieldsV1 keys and the
 * last-applied annotation are made of.
 */
import { isJsonObject, type JsonObject } from '../patch/json-value.js';

/** The rank of a value's kind in upstream's order: numbers, strings, booleans, lists, maps, null. */
function rank(value: unknown): number {
  if (typeof value === 'number') return 0;
  if (typeof value === 'string') return 1;
  if (typeof value === 'boolean') return 2;
  if (Array.isArray(value)) return 3;
  if (isJsonObject(value)) return 4;
  return 5; // null (and anything unexpected)
}

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

/** A UTF-16 unit's weight in code point order: surrogates (astral characters) above the rest of the BMP. */
const weight = (unit: number): number => (unit >= 0xd800 && unit <= 0xdfff ? unit + 0x10000 : unit);

/** Compares strings by code points, which is Go's order (UTF-8 bytes); UTF-16 order differs for astral ones. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) return sign(weight(ca) - weight(cb));
  }
  return sign(a.length - b.length);
}

/** A total order over JSON values: -1, 0 or 1. Values of different kinds order by kind. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return sign(ra - rb);
  if (typeof a === 'number' && typeof b === 'number') return sign(a - b);
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareValues(a[i], b[i]);
      if (c !== 0) return c;
    }
    return sign(a.length - b.length);
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const ka = Object.keys(a).sort(compareStrings);
    const kb = Object.keys(b).sort(compareStrings);
    for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
      const na = ka[i] as string;
      const nb = kb[i] as string;
      const c = compareStrings(na, nb) || compareValues(a[na], b[nb]);
      if (c !== 0) return c;
    }
    return sign(ka.length - kb.length);
  }
  return 0;
}

/** Go's `%v` of a number: int64 digits, or a float64's shortest digits (exponent form below 1e-4, from 1e6). */
function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return BigInt(n).toString();
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  const [mantissa = '', exponentText = '0'] = n.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(n);
}

const NAMED_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's `%q` of a string: double-quoted, with Go's escapes for quotes and unprintable characters. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const named = NAMED_ESCAPES[ch];
    if (named !== undefined) out += named;
    else if (PRINTABLE.test(ch)) out += ch;
    else {
      const code = ch.codePointAt(0) ?? 0;
      if (code < 0x80) out += `\\x${code.toString(16).padStart(2, '0')}`;
      else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
      else out += `\\U${code.toString(16).padStart(8, '0')}`;
    }
  }
  return `${out}"`;
}

/** A value as upstream prints it inside field paths: strings quoted, lists in brackets, `null`. */
export function valueToString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(valueToString).join(',')}]`;
  const object = value as JsonObject;
  return Object.keys(object)
    .sort(compareStrings)
    .map((name) => `${name}=${valueToString(object[name])}`)
    .join('');
}

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u001f"\\<>&\u2028\u2029\ud800-\udfff]/;

/** A string as Go's JSON encoder writes it (HTML-sensitive characters and line separators escaped). */
export function goJsonString(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return `"${text}"`;
  return JSON.stringify(text).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

/** A float64 as Go's JSON encoder writes it: like JavaScript, but exponents have at least two digits. */
function goJsonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`json: unsupported value: ${formatNumber(n)}`);
  return String(n).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** A value as Go's `json.Marshal` writes it: compact, object members sorted by name. */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return goJsonNumber(value);
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  const object = value as JsonObject;
  const members = Object.keys(object)
    .sort(compareStrings)
    .map((name) => `${goJsonString(name)}:${goJson(object[name])}`);
  return `{${members.join(',')}}`;
}
