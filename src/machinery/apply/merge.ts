/**
 * Merging an applied configuration into the live object, as upstream's typed Merge does: leaves (scalars,
 * atomic lists, maps and structs) take the configuration's value when it gives one; structs and maps merge
 * member by member; list-maps and sets merge element by element (matched by key or value), keeping the
 * live order for elements the configuration does not mention and the configuration's order among the
 * ones it does. Nothing is removed here: removal is pruning's job.
 */
import { cloneJson, isJsonObject, setMember, type JsonObject } from '../patch/json-value.js';
import type { SchemaNode } from '../schema-node.js';
import { serializeElement } from './path-element.js';
import { indexList, isEmptyValue, memberOf, type Shape, shapeOf } from './schema-shape.js';

/** The merge of `rhs` (the configuration) into `lhs` (live); undefined when both are absent. */
export function mergeValues(lhs: unknown, rhs: unknown, node: SchemaNode): unknown {
  if (lhs === undefined && rhs === undefined) return undefined;
  const shape = shapeOf(node, lhs, rhs);
  if (shape.kind === 'leaf' || (isEmptyValue(lhs) && isEmptyValue(rhs)))
    return cloneJson(rhs !== undefined ? rhs : lhs);
  if (shape.kind === 'list') return mergeLists(shape, lhs, rhs);
  const l = isJsonObject(lhs) ? lhs : {};
  const r = isJsonObject(rhs) ? rhs : {};
  const out: JsonObject = {};
  const names = new Set([...Object.keys(l), ...Object.keys(r)]);
  for (const name of names) {
    const merged = mergeValues(own(l, name), own(r, name), memberOf(shape, name).node);
    if (merged !== undefined) setMember(out, name, merged);
  }
  return out;
}

const own = (object: JsonObject, name: string): unknown =>
  Object.prototype.hasOwnProperty.call(object, name) ? object[name] : undefined;

interface Entry {
  readonly id: string;
  readonly item: unknown;
}

function entries(shape: Shape & { kind: 'list' }, list: unknown): Entry[] | undefined {
  return indexList(shape, list)?.map(({ element, item }) => ({ id: serializeElement(element), item }));
}

function mergeLists(shape: Shape & { kind: 'list' }, lhs: unknown, rhs: unknown): unknown {
  const allLeft = entries(shape, lhs);
  const allRight = entries(shape, rhs);
  if (allLeft === undefined || allRight === undefined) return cloneJson(rhs !== undefined ? rhs : lhs);
  // The configuration's elements, first occurrence of each key.
  const rightById = new Map<string, unknown>();
  const right: Entry[] = [];
  for (const entry of allRight) {
    if (rightById.has(entry.id)) continue;
    rightById.set(entry.id, entry.item);
    right.push(entry);
  }
  // Live elements: repeated keys the configuration also names merge once; other repeats stay as they are.
  const leftById = new Map<string, unknown>();
  const left: Entry[] = [];
  for (const entry of allLeft) {
    if (leftById.has(entry.id)) {
      if (!rightById.has(entry.id)) left.push(entry);
      continue;
    }
    leftById.set(entry.id, entry.item);
    left.push(entry);
  }

  const shared = right.filter((e) => leftById.has(e.id)).map((e) => e.id);
  let nextShared = shared.shift();
  const mergedRight = new Set<string>();
  const out: unknown[] = [];
  const push = (value: unknown): void => {
    if (value !== undefined) out.push(value);
  };
  let li = 0;
  let ri = 0;
  while (li < left.length || ri < right.length) {
    const l = left[li];
    const r = right[ri];
    if (l !== undefined && r !== undefined) {
      if (l.id === r.id) {
        // Both lists have this element at this point: merge them.
        push(mergeValues(l.item, r.item, shape.items));
        mergedRight.add(r.id);
        li++;
        ri++;
        nextShared = shared.shift();
        continue;
      }
      if (rightById.has(l.id) && nextShared !== undefined && nextShared !== l.id) {
        // A shared element, but not the next one the configuration orders: it comes later.
        li++;
        continue;
      }
    }
    if (l !== undefined) {
      if (!rightById.has(l.id)) {
        push(mergeValues(l.item, undefined, shape.items));
        li++;
        continue;
      }
      if (mergedRight.has(l.id)) {
        li++;
        continue;
      }
    }
    if (r !== undefined) {
      push(mergeValues(leftById.get(r.id), r.item, shape.items));
      mergedRight.add(r.id);
      ri++;
      if (nextShared === r.id) nextShared = shared.shift();
    }
  }
  return out;
}
