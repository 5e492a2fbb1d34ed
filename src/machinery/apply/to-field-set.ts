/**
 * The set of fields an object sets, as upstream's ToFieldSet computes it: every leaf (scalar, atomic
 * list/map/struct), every map entry and unknown field by name, every list-map or set element; struct
 * fields only through their leaves. And the checks upstream makes before it accepts an applied
 * configuration: every list element has its key, and no key appears twice.
 */
import { isJsonObject } from '../patch/json-value.js';
import type { SchemaNode } from '../schema-node.js';
import { FieldSet, FieldSetBuilder } from './field-set.js';
import {
  elementToString,
  type FieldPath,
  fieldElement,
  type PathElement,
  pathToString,
  serializeElement,
} from './path-element.js';
import { indexList, itemElement, memberOf, shapeOf } from './schema-shape.js';

/** The fields `value` sets under `node`. */
export function toFieldSet(value: unknown, node: SchemaNode): FieldSet {
  const builder = new FieldSetBuilder();
  walk(value, node, builder, undefined);
  return builder.build();
}

/**
 * Adds what `value` sets. `parent` collects the paths of the value's parent and `element` is the step to
 * the value (undefined for the root, which is never a member itself).
 */
function walk(value: unknown, node: SchemaNode, parent: FieldSetBuilder, element: PathElement | undefined): void {
  const shape = shapeOf(node, value);
  if (shape.kind === 'leaf') {
    if (element !== undefined) parent.add(element);
    return;
  }
  const here = element === undefined ? parent : parent.child(element);
  if (shape.kind === 'list') {
    const items = indexList(shape, value);
    if (items === undefined) {
      if (element !== undefined) parent.add(element);
      return;
    }
    for (const item of items) {
      walk(item.item, shape.items, here, item.element);
      here.add(item.element);
    }
    return;
  }
  if (!isJsonObject(value)) return;
  for (const [name, member] of Object.entries(value)) {
    const { node: child, declared } = memberOf(shape, name);
    const step = fieldElement(name);
    walk(member, child, here, step);
    if (!declared) here.add(step);
  }
}

/**
 * What is wrong with the lists of an applied configuration, in upstream's words and order, each prefixed
 * with the list's path: elements without their key (`element 0: associative list with keys has an
 * element that omits key field "name" …`) and keys given twice (`duplicate entries for key [name="a"]`).
 */
export function listErrors(value: unknown, node: SchemaNode): string[] {
  const errors: string[] = [];
  check(value, node, [], errors);
  return errors;
}

function check(value: unknown, node: SchemaNode, path: FieldPath, errors: string[]): void {
  const shape = shapeOf(node, value);
  if ((shape.kind === 'struct' || shape.kind === 'map') && isJsonObject(value)) {
    for (const [name, member] of Object.entries(value)) {
      check(member, memberOf(shape, name).node, [...path, fieldElement(name)], errors);
    }
  } else if (shape.kind === 'list' && Array.isArray(value)) {
    const seen = new Set<string>();
    value.forEach((item, i) => {
      const element = itemElement(shape, item);
      if (typeof element === 'string') {
        errors.push(`${pathToString(path)}: element ${i}: ${element}`);
        return;
      }
      const id = serializeElement(element);
      if (seen.has(id)) {
        errors.push(`${pathToString(path)}: duplicate entries for key ${elementToString(element)}`);
        return;
      }
      seen.add(id);
      check(item, shape.items, [...path, element], errors);
    });
  }
}
