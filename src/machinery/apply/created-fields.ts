/**
 * The FieldsV1 a create records for its writer when no one owned anything before, written in one walk of the
 * new object. The general path (track-update.ts) compares the object with its create baseline, builds the
 * added set, takes the server-set metadata and the reset fields out of it and encodes what is left; every
 * create of a pod or an event took that path, at a third of the cost of the create. This walk gives the same
 * JSON, member for member and in the same order (tests hold the two paths equal), under the same rules:
 * - a member whose value is a non-empty object of a struct node (not atomic) is in the baseline: it is not
 *   owned itself, its members are walked the same way;
 * - anything else the object sets is added: owned, with everything below it (a container that is empty,
 *   null or not of its node's type is a leaf);
 * - list elements are identified as the comparison identifies them (key fields, or value for sets); a list
 *   with an element that has no identity is a leaf; a repeated element counts once;
 * - ignored paths (and all below them) are left out, and stripped paths are not owned themselves.
 */
import { isJsonObject, type JsonObject } from '../patch/json-value.js';
import type { SchemaNode } from '../schema-node.js';
import type { FieldSet } from './field-set.js';
import { compareStrings } from './go-value.js';
import { compareElements, fieldElement, type PathElement, serializeElement } from './path-element.js';
import { indexList, isEmptyValue, memberOf, type Shape, shapeOf } from './schema-shape.js';

/** What to leave out: ignored paths (with all below them), and stripped paths (as members only). */
interface Exclusions {
  readonly ignored: FieldSet | undefined;
  readonly stripped: FieldSet | undefined;
}

const NONE: Exclusions = { ignored: undefined, stripped: undefined };

/**
 * The FieldsV1 of every field `object` sets, as a create with no previous owners records them; undefined
 * when nothing is left to own.
 */
export function createdFieldsV1(
  object: JsonObject,
  schema: SchemaNode,
  ignored: FieldSet | undefined,
  stripped: FieldSet | undefined,
): JsonObject | undefined {
  const shape = shapeOf(schema, {}, object);
  if (shape.kind === 'leaf' || isEmptyValue(object)) return undefined;
  const inBaseline = shape.kind === 'struct' && schema.type === 'struct';
  const ex = { ignored: emptyAsNone(ignored), stripped: emptyAsNone(stripped) };
  return membersOf(object, shape, inBaseline, ex, false);
}

const emptyAsNone = (set: FieldSet | undefined): FieldSet | undefined =>
  set === undefined || set.isEmpty() ? undefined : set;

/** What is below a path, for the step `element` (none when there is nothing to leave out). */
function exclusionsBelow(ex: Exclusions, element: PathElement): Exclusions {
  if (ex === NONE) return NONE;
  const ignored = ex.ignored?.child(element);
  const stripped = ex.stripped?.child(element);
  return ignored === undefined && stripped === undefined ? NONE : { ignored, stripped };
}

/** `f:name`, made once per name: the same few names come up in every object of a kind. */
const fieldKeys = new Map<string, string>();
const fieldKey = (name: string): string => {
  let key = fieldKeys.get(name);
  if (key === undefined) {
    key = `f:${name}`;
    if (fieldKeys.size < 10_000) fieldKeys.set(name, key);
  }
  return key;
};

/**
 * The FieldsV1 below a struct or map (with `".": {}` first when `member`); undefined when it has nothing
 * to write. Each member is added, unless `inBaseline` (a struct the baseline holds) and the member is
 * itself a struct the baseline holds.
 */
function membersOf(
  value: JsonObject,
  shape: Shape,
  inBaseline: boolean,
  ex: Exclusions,
  member: boolean,
): JsonObject | undefined {
  const names = sortedInPlace(Object.keys(value));
  const out: JsonObject = member ? { '.': {} } : {};
  let written = 0;
  for (const name of names) {
    const element = ex === NONE ? undefined : fieldElement(name);
    if (element !== undefined && ex.ignored?.hasMember(element)) continue;
    const inner = value[name];
    const { node, declared } = memberOf(shape, name);
    const below = element === undefined ? NONE : exclusionsBelow(ex, element);
    const fields =
      inBaseline && declared && isBaselineStruct(node, inner)
        ? membersOf(inner as JsonObject, shapeOf(node, inner, inner), true, below, false)
        : added(inner, node, below, element !== undefined && ex.stripped?.hasMember(element) === true);
    if (fields === undefined) continue;
    out[fieldKey(name)] = fields;
    written++;
  }
  return written > 0 ? out : member ? {} : undefined;
}

/**
 * The names sorted as field steps sort (an insertion sort: objects have few members, and Array.sort with a
 * comparator allocates a work array for each call).
 */
function sortedInPlace(names: string[]): string[] {
  for (let i = 1; i < names.length; i++) {
    const name = names[i] as string;
    let j = i - 1;
    while (j >= 0 && compareStrings(names[j] as string, name) > 0) {
      names[j + 1] = names[j] as string;
      j--;
    }
    names[j + 1] = name;
  }
  return names;
}

/** Whether the create baseline holds a declared field's value: a non-empty object of a struct node. */
function isBaselineStruct(node: SchemaNode, member: unknown): boolean {
  if (node.type !== 'struct' || node.mapType === 'atomic' || !isJsonObject(member)) return false;
  for (const _ in member) return true;
  return false;
}

/** The FieldsV1 of a value the create added: owned itself (unless stripped), with all below it. */
function added(value: unknown, node: SchemaNode, ex: Exclusions, stripped: boolean): JsonObject | undefined {
  const shape = shapeOf(node, undefined, value);
  if (shape.kind === 'leaf' || isEmptyValue(value)) return stripped ? undefined : {};
  if (shape.kind !== 'list') return membersOf(value as JsonObject, shape, false, ex, !stripped);
  const items = indexList(shape, value);
  if (items === undefined) return stripped ? undefined : {};
  // Repeated elements: the first occurrence stands for the element.
  const seen = new Set<string>();
  const steps: { element: PathElement; key: string; item: unknown }[] = [];
  for (const { element, item } of items) {
    const key = serializeElement(element);
    if (seen.has(key)) continue;
    seen.add(key);
    if (ex.ignored?.hasMember(element)) continue;
    steps.push({ element, key, item });
  }
  if (steps.length > 1) steps.sort((a, b) => compareElements(a.element, b.element));
  const out: JsonObject = stripped ? {} : { '.': {} };
  let written = 0;
  for (const { element, key, item } of steps) {
    const fields = added(item, shape.items, exclusionsBelow(ex, element), ex.stripped?.hasMember(element) === true);
    if (fields === undefined) continue;
    out[key] = fields;
    written++;
  }
  return written > 0 ? out : stripped ? undefined : {};
}
