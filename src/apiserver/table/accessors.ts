/**
 * Small typed readers over plain JSON objects. Printers accept `unknown`; these narrow one field at a time and
 * answer the zero value (as a Go struct field would read) when the field is missing or of another type.
 */

type Json = Readonly<Record<string, unknown>>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value at `path` under `v`, or undefined when any step is missing or not an object. */
export function at(v: unknown, ...path: string[]): unknown {
  let cur = v;
  for (const key of path) {
    if (!isRecord(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** The object at `path`, or an empty one. */
export const rec = (v: unknown, ...path: string[]): Json => {
  const x = at(v, ...path);
  return isRecord(x) ? x : {};
};

/** True when `path` leads to an object (a non-nil pointer to a struct, in Go terms). */
export const has = (v: unknown, ...path: string[]): boolean => isRecord(at(v, ...path));

/** The string at `path`, or undefined. */
export const optStr = (v: unknown, ...path: string[]): string | undefined => {
  const x = at(v, ...path);
  return typeof x === 'string' ? x : undefined;
};

/** The string at `path`, or `''`. */
export const str = (v: unknown, ...path: string[]): string => optStr(v, ...path) ?? '';

/** The integer at `path` (truncated), or undefined. */
export const optInt = (v: unknown, ...path: string[]): number | undefined => {
  const x = at(v, ...path);
  return typeof x === 'number' && Number.isFinite(x) ? Math.trunc(x) : undefined;
};

/** The integer at `path`, or 0. */
export const int = (v: unknown, ...path: string[]): number => optInt(v, ...path) ?? 0;

/** The boolean at `path`, or undefined. */
export const optBool = (v: unknown, ...path: string[]): boolean | undefined => {
  const x = at(v, ...path);
  return typeof x === 'boolean' ? x : undefined;
};

/** The boolean at `path`, or false. */
export const bool = (v: unknown, ...path: string[]): boolean => optBool(v, ...path) ?? false;

/** The array at `path`, or an empty one. */
export const list = (v: unknown, ...path: string[]): readonly unknown[] => {
  const x = at(v, ...path);
  return Array.isArray(x) ? x : [];
};

/** The strings of the array at `path` (other entries skipped). */
export const strings = (v: unknown, ...path: string[]): string[] =>
  list(v, ...path).filter((x): x is string => typeof x === 'string');

/** The string-valued entries of the map at `path`. */
export function strMap(v: unknown, ...path: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(rec(v, ...path))) if (typeof x === 'string') out[k] = x;
  return out;
}

/** The number of entries of the map at `path`. */
export const mapSize = (v: unknown, ...path: string[]): number => Object.keys(rec(v, ...path)).length;

/**
 * A resource quantity at `path` as its string form, or undefined. Quantities are strings on the wire; a bare
 * JSON number is accepted too. The text is printed as stored (no re-canonicalisation).
 */
export const optQuantity = (v: unknown, ...path: string[]): string | undefined => {
  const x = at(v, ...path);
  if (typeof x === 'string') return x;
  if (typeof x === 'number' && Number.isFinite(x)) return String(x);
  return undefined;
};

/** An int-or-string at `path` as text (`3`, `50%`), or undefined. */
export const optIntOrString = (v: unknown, ...path: string[]): string | undefined => {
  const x = at(v, ...path);
  if (typeof x === 'string') return x;
  if (typeof x === 'number' && Number.isFinite(x)) return String(Math.trunc(x));
  return undefined;
};

/** Go's zero `time.Time` (0001-01-01T00:00:00Z), which upstream treats as "no timestamp". */
const GO_ZERO_TIME_MS = Date.parse('0001-01-01T00:00:00Z');

/**
 * A timestamp at `path` (RFC 3339, with or without fraction) in epoch milliseconds, or undefined when it is
 * missing, unparsable or Go's zero time.
 */
export const optTime = (v: unknown, ...path: string[]): number | undefined => {
  const x = at(v, ...path);
  if (typeof x !== 'string' || x === '') return undefined;
  const ms = Date.parse(x);
  return Number.isNaN(ms) || ms === GO_ZERO_TIME_MS ? undefined : ms;
};

/** The object's `metadata.name`. */
export const nameOf = (obj: unknown): string => str(obj, 'metadata', 'name');
