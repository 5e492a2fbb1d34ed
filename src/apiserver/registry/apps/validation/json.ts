/** Reading untyped JSON objects in validation: narrowing helpers and upstream's semantic equality. */

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
/** `v` if it is an object, else an empty one (Go's zero struct). */
export const obj = (v: unknown): Obj => (isObj(v) ? v : {});
export const objects = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
export const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
/** `v` if it is a string, else `''` (Go's zero string). */
export const text = (v: unknown): string => (typeof v === 'string' ? v : '');
export const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
export const stringMap = (v: unknown): Record<string, string> => (isObj(v) ? (v as Record<string, string>) : {});
/** Whether a pointer field is set (present and not null). */
export const isSet = (v: unknown): boolean => v !== undefined && v !== null;

/** Drops what Go would not tell apart from absent: null, and empty lists (nil and empty slices are equal). */
function normalise(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalise);
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [k, child] of Object.entries(v)) {
    if (child === undefined || child === null || (Array.isArray(child) && child.length === 0)) continue;
    out[k] = normalise(child);
  }
  return out;
}

/**
 * Upstream's apiequality.Semantic.DeepEqual on JSON: absent, null and empty lists are the same; everything
 * else compares deeply.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return deepEqual(normalise(a), normalise(b));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
