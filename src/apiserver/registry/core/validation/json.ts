/**
 * Reading the registry's untyped objects: schema conformance has already checked field types, so these
 * only narrow `unknown` for the compiler and treat anything unexpected as absent.
 */
import { isDeepStrictEqual } from 'node:util';
import { type FieldError, type FieldPath, invalid } from '../../../../machinery/field-errors.js';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The object at `v`, or an empty one. */
export const obj = (v: unknown): Obj => (isObj(v) ? v : {});

/** The object at `v`, or undefined. */
export const optObj = (v: unknown): Obj | undefined => (isObj(v) ? v : undefined);

/** The list at `v`, or an empty one. */
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The string at `v`, or ''. */
export const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The number at `v`, or 0. */
export const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** A string-valued map at `v`. */
export const stringMap = (v: unknown): Record<string, string> =>
  isObj(v)
    ? (Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string')) as Record<string, string>)
    : {};

/** Deep equality where an absent value, null, an empty list and an empty map are all "unset". */
export function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown =>
    v === null || (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0) ? undefined : v;
  return isDeepStrictEqual(norm(a), norm(b));
}

/** `field is immutable` when the value changed (upstream's ValidateImmutableField). */
export function immutable(path: FieldPath | string, value: unknown, old: unknown): FieldError[] {
  return sameValue(value, old) ? [] : [invalid(path, value, 'field is immutable')];
}

/** Copies `old.status` onto `next` (what most updates of the main resource do). */
export function keepStatus(next: Obj, old: Obj): void {
  if (old.status === undefined) delete next.status;
  else next.status = structuredClone(old.status);
}

/** Copies everything but metadata and status from `old` onto `next` (status subresource updates). */
export function keepAllButStatus(next: Obj, old: Obj): void {
  for (const key of Object.keys(next)) {
    if (key !== 'metadata' && key !== 'status' && key !== 'apiVersion' && key !== 'kind') delete next[key];
  }
  for (const [key, value] of Object.entries(old)) {
    if (key !== 'metadata' && key !== 'status' && key !== 'apiVersion' && key !== 'kind')
      next[key] = structuredClone(value);
  }
}
