/** Deep equality of the registry's objects, as isDeepStrictEqual answers it, at a fraction of its cost. */
import { isDeepStrictEqual } from 'node:util';

/**
 * Whether `a` and `b` are deeply and strictly equal, as node's isDeepStrictEqual says (Object.is for
 * primitives, same prototypes, same own keys). Plain objects and arrays, the stuff of decoded JSON, are
 * compared here; anything else (a Date, a Map, symbol keys, sparse arrays) is left to isDeepStrictEqual.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  const proto = Object.getPrototypeOf(a) as unknown;
  if (proto !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (!(i in a) || !(i in other)) return isDeepStrictEqual(a, b);
      if (!sameJson(a[i], other[i])) return false;
    }
    return true;
  }
  if (proto !== Object.prototype && proto !== null) return isDeepStrictEqual(a, b);
  if (Object.getOwnPropertySymbols(a).length > 0 || Object.getOwnPropertySymbols(b).length > 0) {
    return isDeepStrictEqual(a, b);
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const names = Object.keys(left);
  if (names.length !== Object.keys(right).length) return false;
  for (const name of names) {
    if (!Object.prototype.hasOwnProperty.call(right, name) || !sameJson(left[name], right[name])) return false;
  }
  return true;
}
