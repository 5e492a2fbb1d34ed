/**
 * Which fields a write added, changed or removed, as upstream's typed Compare answers it: leaves compare
 * by value; containers (structs, maps, associative lists) recurse, and a container that appears or
 * disappears as a whole is itself added or removed. Two empty or absent containers compare as leaves,
 * which keeps `{}` apart from absent.
 */
import { isJsonObject, jsonEqual } from '../patch/json-value.js';
import type { SchemaNode } from '../schema-node.js';
import { type FieldSet, FieldSetBuilder } from './field-set.js';
import { fieldElement, type PathElement, serializeElement } from './path-element.js';
import { indexList, isEmptyValue, memberOf, shapeOf } from './schema-shape.js';

/** The outcome of comparing an old and a new object; no path is in two of the sets. */
export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

/** Which of the three outcomes a path is recorded in (an index into a link's builders). */
const ADDED = 0;
const MODIFIED = 1;
const REMOVED = 2;
type Outcome = typeof ADDED | typeof MODIFIED | typeof REMOVED;

/**
 * A path as a chain from the leaf up (cheap to extend). A link remembers, per outcome, the builder of
 * the paths below it once one was recorded there, so that recording a path is one step from its parent's
 * builder rather than a walk down from the root.
 */
interface Link {
  readonly parent: Link | undefined;
  readonly element: PathElement;
  builders?: (FieldSetBuilder | undefined)[];
}

/** The three builders of the whole object, by outcome. */
type Roots = readonly [FieldSetBuilder, FieldSetBuilder, FieldSetBuilder];

function builderBelow(link: Link | undefined, outcome: Outcome, roots: Roots): FieldSetBuilder {
  if (link === undefined) return roots[outcome];
  const builders = (link.builders ??= []);
  let builder = builders[outcome];
  if (builder === undefined) {
    builder = builderBelow(link.parent, outcome, roots).child(link.element);
    builders[outcome] = builder;
  }
  return builder;
}

/** Records the path of `link` (the root, which no one owns, is never recorded). */
function record(link: Link | undefined, outcome: Outcome, roots: Roots): void {
  if (link !== undefined) builderBelow(link.parent, outcome, roots).add(link.element);
}

/**
 * Compares `lhs` (old; undefined: absent) with `rhs` (new) under `node`. Paths in `ignored`, and every
 * path below one of them, are neither walked nor reported: the outcome equals the full comparison's with
 * each set's `recursiveDifference(ignored)` taken, at none of the cost of comparing what is thrown away
 * (the spec of a status write, the status of a main-resource write).
 */
export function compareObjects(lhs: unknown, rhs: unknown, node: SchemaNode, ignored?: FieldSet): Comparison {
  const roots: Roots = [new FieldSetBuilder(), new FieldSetBuilder(), new FieldSetBuilder()];
  // The root is walked without first asking whether the sides are equal: that question costs a walk of
  // everything up to the first difference, which the members' own checks repeat.
  walk(lhs, rhs, node, undefined, roots, ignored === undefined || ignored.isEmpty() ? undefined : ignored);
  return { added: roots[ADDED].build(), modified: roots[MODIFIED].build(), removed: roots[REMOVED].build() };
}

function leaf(lhs: unknown, rhs: unknown, path: Link | undefined, roots: Roots): void {
  if (lhs === undefined) record(path, ADDED, roots);
  else if (rhs === undefined) record(path, REMOVED, roots);
  else if (!jsonEqual(lhs, rhs)) record(path, MODIFIED, roots);
}

/**
 * Walks one member of a container whose sides differ (callers skip equal sides first: no change below, so no
 * schema-guided walk of what is most of an object on most writes, nor a step made for it), unless it is
 * ignored. `ignored` holds the ignored paths relative to the container.
 */
function visit(
  lhs: unknown,
  rhs: unknown,
  node: SchemaNode,
  parent: Link | undefined,
  element: PathElement,
  roots: Roots,
  ignored: FieldSet | undefined,
): void {
  if (ignored !== undefined && ignored.hasMember(element)) return;
  walk(lhs, rhs, node, { parent, element }, roots, ignored?.child(element));
}

function walk(
  lhs: unknown,
  rhs: unknown,
  node: SchemaNode,
  path: Link | undefined,
  roots: Roots,
  ignored: FieldSet | undefined,
): void {
  const shape = shapeOf(node, lhs, rhs);
  if (shape.kind === 'leaf' || (isEmptyValue(lhs) && isEmptyValue(rhs))) {
    leaf(lhs, rhs, path, roots);
    return;
  }
  if (shape.kind === 'list') {
    const left = indexList(shape, lhs);
    const right = indexList(shape, rhs);
    if (left === undefined || right === undefined) {
      leaf(lhs, rhs, path, roots);
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
    for (const { element, l, r } of pairs.values()) {
      if (!unchanged(l, r)) visit(l, r, shape.items, path, element, roots, ignored);
    }
  } else {
    const l = isJsonObject(lhs) ? lhs : {};
    const r = isJsonObject(rhs) ? rhs : {};
    for (const name of Object.keys(l)) {
      const left = l[name];
      const right = own(r, name);
      if (!unchanged(left, right)) {
        visit(left, right, memberOf(shape, name).node, path, fieldElement(name), roots, ignored);
      }
    }
    for (const name of Object.keys(r)) {
      // Absent on the left: never unchanged.
      if (!Object.prototype.hasOwnProperty.call(l, name)) {
        visit(undefined, r[name], memberOf(shape, name).node, path, fieldElement(name), roots, ignored);
      }
    }
  }
  if (lhs === undefined) record(path, ADDED, roots);
  else if (rhs === undefined) record(path, REMOVED, roots);
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
