/** Narrowing of untyped JSON for the kinds' `defaults` functions: objects, lists and fields by name. */

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The object at `parent[key]`, created (empty) when absent or not an object. */
export function objectAt(parent: Obj, key: string): Obj {
  const value = parent[key];
  if (isObj(value)) return value;
  const created: Obj = {};
  parent[key] = created;
  return created;
}

/** The objects of a list (anything else yields none). */
export const objectsIn = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** Whether a field is absent (undefined, null or the empty string, as Go's zero value for a string). */
export const unset = (v: unknown): boolean => v === undefined || v === null || v === '';
