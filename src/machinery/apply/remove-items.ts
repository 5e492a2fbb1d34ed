/**
 * Taking fields out of an object, as upstream's RemoveItems does when apply prunes what a manager no
 * longer applies: every member path of the set is removed with everything below it. A struct, map or
 * list emptied this way is removed too (upstream leaves a null there, which the API's types drop).
 */
import { isJsonObject, setMember, type JsonObject } from '../patch/json-value.js';
import { ANY_NODE, type SchemaNode } from '../schema-node.js';
import { FieldSet, type FieldSetChild } from './field-set.js';
import { fieldElement, type PathElement } from './path-element.js';
import { indexList, shapeOf } from './schema-shape.js';

/** `value` without the paths of `set`; undefined when nothing is left of it. `value` is not changed. */
export function removeItems(value: unknown, set: FieldSet, node: SchemaNode): unknown {
  if (set.isEmpty()) return value;
  const shape = shapeOf(node, value);
  if (shape.kind === 'struct' || shape.kind === 'map') {
    if (!isJsonObject(value) || Object.keys(value).length === 0) return value;
    const out: JsonObject = {};
    for (const [name, member] of Object.entries(value)) {
      const element = fieldElement(name);
      if (set.hasMember(element)) continue;
      const below = set.child(element);
      const kept = below === undefined ? member : removeItems(member, below, memberNode(node, name));
      if (kept !== undefined) setMember(out, name, kept);
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  if (shape.kind === 'list') {
    const items = Array.isArray(value) && value.length > 0 ? indexList(shape, value) : undefined;
    if (items === undefined) return value;
    const out: unknown[] = [];
    for (const { element, item } of items) {
      if (set.hasMember(element)) continue;
      const below = set.child(element);
      const kept = below === undefined ? item : removeItems(item, below, shape.items);
      if (kept !== undefined) out.push(kept);
    }
    return out.length > 0 ? out : undefined;
  }
  return value;
}

/** The node of a struct field, map entry or deduced member; a list has no named members. */
function memberNode(node: SchemaNode, name: string): SchemaNode {
  if (node.type === 'struct') return node.field?.(name) ?? ANY_NODE;
  if (node.type === 'map') return node.items ?? ANY_NODE;
  return ANY_NODE;
}

/**
 * The set plus, as members, every declared struct field that has members below it: `.spec.replicas`
 * brings `.spec`, but `.metadata.labels.app` does not bring `.metadata.labels` (a map, not a struct).
 * Pruning uses this so that a struct emptied of owned fields can go too.
 */
export function ensureNamedFieldsAreMembers(set: FieldSet, node: SchemaNode): FieldSet {
  const named = set.children
    .filter((c) => c.element.kind === 'field' && node.type === 'struct' && node.field?.(c.element.name) !== undefined)
    .map((c) => c.element);
  const children: FieldSetChild[] = set.children.map((c) => ({
    element: c.element,
    set: ensureNamedFieldsAreMembers(c.set, childNode(node, c.element)),
  }));
  return new FieldSet(set.members, children).union(new FieldSet(named, []));
}

function childNode(node: SchemaNode, element: PathElement): SchemaNode {
  if (element.kind === 'field') return memberNode(node, element.name);
  if (element.kind === 'key' && node.type === 'list') return node.items ?? ANY_NODE;
  // Values and indexes select scalars (or elements upstream does not type further).
  return node.type === 'list' ? (node.items ?? ANY_NODE) : ANY_NODE;
}
