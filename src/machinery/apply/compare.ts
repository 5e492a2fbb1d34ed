/**
 * Which fields a write added, changed or removed, as upstream's typed Compare answers it: leaves compare
 * by value; containers (structs, maps, associative lists) recurse, and a container that appears or
 * disappears as a whole is itself added or removed. Two empty or absent containers compare as leaves,
 * which keeps `{}` apart from absent.
 */
import { isJsonObject, jsonEqual } from '../patch/json-value.js';
import type { SchemaNode } from '../schema-node.js';
import { type FieldSet, FieldSetBuilder } from './field-set.js';
import { type FieldPath, fieldElement, type PathElement, serializeElement } from './path-element.js';
import { indexList, isEmptyValue, memberOf, shapeOf } from './schema-shape.js';

/** The outcome of comparing an old and a new object; no path is in two of the sets. */
export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

/** A path as a chain from the leaf up (cheap to extend; turned into an array only to record it). */
interface Link {
  readonly parent: Link | undefined;
  readonly element: PathElement;
}

function toPath(link: Link | undefined): FieldPath {
  const path: PathElement[] = [];
  for (let l = link; l !== undefined; l = l.parent) path.push(l.element);
  return path.reverse();
}

interface Builders {
  readonly added: FieldSetBuilder;
  readonly modified: FieldSetBuilder;
  readonly removed: FieldSetBuilder;
}

/** Compares `lhs` (old; undefined: absent) with `rhs` (new) under `node`. */
export function compareObjects(lhs: unknown, rhs: unknown, node: SchemaNode): Comparison {
  const builders: Builders = {
    added: new FieldSetBuilder(),
    modified: new FieldSetBuilder(),
    removed: new FieldSetBuilder(),
  };
  walk(lhs, rhs, node, undefined, builders);
  return { added: builders.added.build(), modified: builders.modified.build(), removed: builders.removed.build() };
}

function leaf(lhs: unknown, rhs: unknown, path: Link | undefined, out: Builders): void {
  if (lhs === undefined) out.added.insert(toPath(path));
  else if (rhs === undefined) out.removed.insert(toPath(path));
  else if (!jsonEqual(lhs, rhs)) out.modified.insert(toPath(path));
}

function walk(lhs: unknown, rhs: unknown, node: SchemaNode, path: Link | undefined, out: Builders): void {
  // Equal sides hold no change: skip the schema-guided walk of what is most of an object on most writes.
  if (unchanged(lhs, rhs)) return;
  const shape = shapeOf(node, lhs, rhs);
  if (shape.kind === 'leaf' || (isEmptyValue(lhs) && isEmptyValue(rhs))) {
    leaf(lhs, rhs, path, out);
    return;
  }
  if (shape.kind === 'list') {
    const left = indexList(shape, lhs);
    const right = indexList(shape, rhs);
    if (left === undefined || right === undefined) {
      leaf(lhs, rhs, path, out);
      return;
    }
    // Repeated elements: the first occurrence stands for the element.
    const pairs = new Map<string, { element: PathElement; l: unknown; r: unknown }>();
    for (const { element, item } of left) {
      const id = serializeElement(element);
      if (!pairs.has(id)) pairs.set(id, { element, l: item, r: undefined });
    }
    const seenRight = new Set<string>();
    for (const { element, item } of right) {
      const id = serializeElement(element);
      if (seenRight.has(id)) continue;
      seenRight.add(id);
      const pair = pairs.get(id);
      if (pair !== undefined) pair.r = item;
      else pairs.set(id, { element, l: undefined, r: item });
    }
    for (const { element, l, r } of pairs.values()) walk(l, r, shape.items, { parent: path, element }, out);
  } else {
    const l = isJsonObject(lhs) ? lhs : {};
    const r = isJsonObject(rhs) ? rhs : {};
    const visit = (name: string): void =>
      walk(own(l, name), own(r, name), memberOf(shape, name).node, { parent: path, element: fieldElement(name) }, out);
    for (const name of Object.keys(l)) visit(name);
    for (const name of Object.keys(r)) if (!Object.prototype.hasOwnProperty.call(l, name)) visit(name);
  }
  if (lhs === undefined) out.added.insert(toPath(path));
  else if (rhs === undefined) out.removed.insert(toPath(path));
}

/**
 * Whether both sides are present and equal as JSON, with no undefined member anywhere (walk counts a member
 * whose value is undefined as added, so such values must still be walked).
 */
function unchanged(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return false;
  if (typeof a !== 'object' || a === null) return a === b;
  if (typeof b !== 'object' || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!unchanged(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const names = Object.keys(left);
  if (names.length !== Object.keys(right).length) return false;
  for (const name of names) {
    if (!Object.prototype.hasOwnProperty.call(right, name) || !unchanged(left[name], right[name])) return false;
  }
  return true;
}

const own = (object: Record<string, unknown>, name: string): unknown =>
  Object.prototype.hasOwnProperty.call(object, name) ? object[name] : undefined;
