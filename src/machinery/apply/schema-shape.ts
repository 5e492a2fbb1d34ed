/**
 * How server-side apply walks a value under a SchemaNode, as upstream's structured-merge-diff types it:
 * a leaf (scalars, and atomic lists, maps and structs, owned as a whole), a struct (named fields), a map
 * (entries, each owned by name), or an associative list (elements identified by key fields, or by value
 * for sets). Nodes without a schema (`any`) are deduced from the value as upstream does: objects are
 * maps, lists are atomic, the rest scalars. A value of the wrong type for its node is a leaf.
 */
import { hasMember, isJsonObject } from '../patch/json-value.js';
import { ANY_NODE, type SchemaNode } from '../schema-node.js';
import { keyElement, type PathElement, valueElement } from './path-element.js';

export type Shape =
  | { readonly kind: 'leaf' }
  | { readonly kind: 'struct'; readonly node: SchemaNode }
  | { readonly kind: 'map'; readonly items: SchemaNode }
  | { readonly kind: 'list'; readonly items: SchemaNode; readonly keys: readonly string[] | undefined };

const LEAF: Shape = { kind: 'leaf' };

const isObjectOrAbsent = (value: unknown): boolean => value === undefined || value === null || isJsonObject(value);
const isListOrAbsent = (value: unknown): boolean => value === undefined || value === null || Array.isArray(value);

/**
 * The key fields of a list's elements, or undefined for a set; `null` for a list owned as a whole.
 * Lists without a declared list type follow upstream's defaults for built-in kinds: a list of structs
 * with a patch merge key is a list-map keyed by it, any other list is atomic.
 */
function listKeys(node: SchemaNode): readonly string[] | undefined | null {
  switch (node.listType) {
    case 'atomic':
      return null;
    case 'set':
      return undefined;
    case 'map': {
      const keys = node.listMapKeys ?? (node.patchMergeKey !== undefined ? [node.patchMergeKey] : []);
      return keys.length > 0 ? keys : null;
    }
    default:
      return node.patchMergeKey !== undefined && node.items?.type === 'struct' ? [node.patchMergeKey] : null;
  }
}

/** A node's shape when its values fit it, computed once per node (shapes are walked millions of times). */
const shapes = new WeakMap<SchemaNode, Shape>();

function nodeShape(node: SchemaNode): Shape {
  let shape = shapes.get(node);
  if (shape !== undefined) return shape;
  switch (node.type) {
    case 'struct':
      shape = node.mapType === 'atomic' ? LEAF : { kind: 'struct', node };
      break;
    case 'map':
      shape = node.mapType === 'atomic' ? LEAF : { kind: 'map', items: node.items ?? ANY_NODE };
      break;
    case 'list': {
      const keys = listKeys(node);
      shape = keys === null ? LEAF : { kind: 'list', items: node.items ?? ANY_NODE, keys };
      break;
    }
    case 'any':
      shape = node.mapType === 'atomic' ? LEAF : ANY_MAP;
      break;
    default:
      shape = LEAF;
  }
  shapes.set(node, shape);
  return shape;
}

const ANY_MAP: Shape = { kind: 'map', items: ANY_NODE };

/**
 * The shape to walk the sides `a` and `b` (being merged or compared; undefined: absent) under `node`: the
 * node's own, unless a side's value does not fit it (then a leaf).
 */
export function shapeOf(node: SchemaNode, a?: unknown, b?: unknown): Shape {
  const shape = nodeShape(node);
  if (shape.kind === 'list') return isListOrAbsent(a) && isListOrAbsent(b) ? shape : LEAF;
  if (shape.kind === 'leaf') return shape;
  return isObjectOrAbsent(a) && isObjectOrAbsent(b) ? shape : LEAF;
}

/** A member's node, and whether it is a declared struct field (map entries and unknown fields are not). */
export interface Member {
  readonly node: SchemaNode;
  readonly declared: boolean;
}

const UNDECLARED_ANY: Member = { node: ANY_NODE, declared: false };
const declaredMembers = new WeakMap<SchemaNode, Member>();
const entryMembers = new WeakMap<SchemaNode, Member>();

function cachedMember(cache: WeakMap<SchemaNode, Member>, node: SchemaNode, declared: boolean): Member {
  let member = cache.get(node);
  if (member === undefined) {
    member = { node, declared };
    cache.set(node, member);
  }
  return member;
}

export function memberOf(shape: Shape, name: string): Member {
  if (shape.kind === 'struct') {
    const field = shape.node.field?.(name);
    return field !== undefined ? cachedMember(declaredMembers, field, true) : UNDECLARED_ANY;
  }
  if (shape.kind === 'map') return cachedMember(entryMembers, shape.items, false);
  return UNDECLARED_ANY;
}

/**
 * Defaults of list-map key fields, for elements that omit them. Upstream takes these from the OpenAPI
 * `default` of the key field; for the built-in kinds the only defaulted key is the port `protocol`.
 */
const KEY_DEFAULTS: Readonly<Record<string, unknown>> = { protocol: 'TCP' };

/**
 * The step that identifies a list element, or a string saying (in upstream's words) why it has none.
 * `shape` must be a list shape.
 */
export function itemElement(shape: Shape & { kind: 'list' }, item: unknown): PathElement | string {
  if (shape.keys !== undefined) {
    if (item === null) return 'associative list with keys may not have a null element';
    if (!isJsonObject(item)) return 'associative list with keys may not have non-map elements';
    const fields = [];
    for (const name of shape.keys) {
      if (hasMember(item, name)) fields.push({ name, value: item[name] });
      else if (hasMember(KEY_DEFAULTS, name)) fields.push({ name, value: KEY_DEFAULTS[name] });
      else
        return `associative list with keys has an element that omits key field ${JSON.stringify(name)} (and doesn't have default value)`;
    }
    return keyElement(fields);
  }
  if (isJsonObject(item)) return "associative list without keys has an element that's a map type";
  if (Array.isArray(item)) return 'not supported: associative list with lists as elements';
  if (item === null) return "associative list without keys has an element that's an explicit null";
  return valueElement(item);
}

/** A list's elements with their steps; undefined when some element has none (the list is then a leaf). */
export function indexList(
  shape: Shape & { kind: 'list' },
  list: unknown,
): { readonly element: PathElement; readonly item: unknown }[] | undefined {
  if (!Array.isArray(list)) return [];
  const out = [];
  for (const item of list) {
    const element = itemElement(shape, item);
    if (typeof element === 'string') return undefined;
    out.push({ element, item });
  }
  return out;
}

/** Whether a value is absent, null, or an empty list or object (two such sides compare as leaves). */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}
