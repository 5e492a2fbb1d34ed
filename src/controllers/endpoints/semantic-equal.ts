/**
 * Equality as apimachinery's `Semantic.DeepEqual` sees API objects: a missing field, `null`, an empty list and
 * an empty map are all "nothing" and equal to each other (the API server may store or return either), every
 * other value must match exactly. Controllers compare what they want with what they read this way before
 * deciding to write.
 */

const isEmpty = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

/** Whether `a` and `b` are the same API value (absent, null, [] and {} counting as equal). */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmpty(a) && isEmpty(b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => semanticEqual(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
    if (!semanticEqual(left[key], right[key])) return false;
  }
  return true;
}
