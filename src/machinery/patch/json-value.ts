/**
 * Plain JSON values as the patch functions handle them: narrowing, copying without sharing, safe member
 * writes (a member named `__proto__` stays a member), structural equality, and the way Go prints values,
 * which upstream's patch error messages embed.
 */

export type JsonObject = Record<string, unknown>;

/** A JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets a member, also when its name is `__proto__` (plain assignment would change the prototype instead). */
export function setMember(object: JsonObject, name: string, value: unknown): void {
  if (name === '__proto__') {
    Object.defineProperty(object, name, { value, writable: true, enumerable: true, configurable: true });
  } else {
    object[name] = value;
  }
}

/** Whether an object has a member of its own (inherited names such as `toString` are not members). */
export const hasMember = (object: JsonObject, name: string): boolean =>
  Object.prototype.hasOwnProperty.call(object, name);

/** The member's value, or undefined when the object has no such member of its own. */
export const getMember = (object: JsonObject, name: string): unknown =>
  hasMember(object, name) ? object[name] : undefined;

/** A deep copy that shares nothing with its source. */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => cloneJson(item)) as T;
  if (isJsonObject(value)) {
    const copy: JsonObject = {};
    for (const [name, member] of Object.entries(value)) setMember(copy, name, cloneJson(member));
    return copy as T;
  }
  return value;
}

/** Structural equality of two JSON values (member order does not matter, element order does). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const names = Object.keys(a);
    if (names.length !== Object.keys(b).length) return false;
    return names.every((name) => hasMember(b, name) && jsonEqual(a[name], b[name]));
  }
  return false;
}

/** The word Go's decoder uses for a JSON value's kind: `json: cannot unmarshal <kind> into …`. */
export function jsonKindWord(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'boolean') return 'bool';
  return typeof value; // string, number
}

/**
 * The Go type a decoded JSON value has in upstream's unstructured maps (integers are kept as int64), as
 * `reflect.TypeOf(v)` prints it; `%!s(<nil>)` for null, which is what `%s` of a nil type prints.
 */
export function goTypeName(value: unknown): string {
  if (value === null || value === undefined) return '%!s(<nil>)';
  if (Array.isArray(value)) return '[]interface {}';
  if (typeof value === 'object') return 'map[string]interface {}';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  if (typeof value === 'boolean') return 'bool';
  return 'string';
}

/** A value as Go's `%v` prints it: `map[a:1 b:[x y]]`, `<nil>`, floats in `%g` form. */
export function goFormat(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goFormat).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as JsonObject).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([name, member]) => `${name}:${goFormat(member)}`).join(' ')}]`;
  }
  if (typeof value === 'number') return goFormatNumber(value);
  return String(value);
}

/** A value as Go's `%s` prints it: strings as they are, other scalars as `%!s(int64=5)`. */
export function goFormatString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '%!s(<nil>)';
  if (typeof value === 'object') return goFormat(value);
  return `%!s(${goTypeName(value)}=${goFormat(value)})`;
}

/** int64 as digits; float64 as `%g` with the shortest digits (exponent form below 1e-4 and from 1e6 on). */
function goFormatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return BigInt(n).toString();
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  const [mantissa = '', exponentText = '0'] = n.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(n);
}

/**
 * The number of bytes Go's `json.Marshal` writes for a value: the compact form, with `<`, `>` and `&`
 * escaped as `\u003c` and friends (upstream's copy-size limit counts these bytes).
 */
export function goJsonSize(value: unknown): number {
  if (value === undefined) return 0;
  const text = JSON.stringify(value);
  let escaped = 0;
  for (const ch of text) if (ch === '<' || ch === '>' || ch === '&') escaped += 5;
  return Buffer.byteLength(text, 'utf8') + escaped;
}
