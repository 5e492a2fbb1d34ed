/**
 * Strategic merge of lists. A list declared `merge` merges with the server's: maps element by element,
 * matched by the merge key (`$patch: delete` elements remove, a `$patch: replace` element replaces the
 * whole list), scalars as a union; every other list is replaced by the patch's. Values here are private
 * copies, so the functions may change the lists they are given.
 */
import type { SchemaNode } from '../schema-node.js';
import { goTypeName, hasMember, isJsonObject, type JsonObject } from './json-value.js';
import {
  badPatchType,
  DIRECTIVE_MARKER,
  listMergeDirective,
  mixedElementTypes,
  noListOfLists,
  noMergeKey,
  noMergeKeyDeclared,
} from './strategic-errors.js';
import {
  type ElementKind,
  findByMergeKey,
  normalizeElementOrder,
  partitionByPresence,
} from './strategic-list-order.js';
import { elementNode, goKindOf, patchStrategy } from './strategic-schema.js';

/** Merges a patch map into a server map (undefined: none) under a node; supplied by the map merger. */
export type MergeMap = (original: JsonObject | undefined, patch: JsonObject, node: SchemaNode) => JsonObject;

/**
 * The kind of the elements of the lists taken together; undefined when they have none. Throws 422 for
 * lists of lists and 500 when the elements differ in type (an int64 and a float64 differ, as upstream).
 */
export function elementKind(...lists: readonly (readonly unknown[])[]): ElementKind | undefined {
  let first: string | undefined;
  for (const list of lists) {
    for (const item of list) {
      const type = goTypeName(item);
      if (first === undefined) {
        if (Array.isArray(item)) throw noListOfLists();
        first = type;
      } else if (type !== first) {
        throw mixedElementTypes(lists);
      }
    }
  }
  if (first === undefined) return undefined;
  return first === 'map[string]interface {}' ? 'map' : 'scalar';
}

/** A list field's merged value: merged when declared `merge`, otherwise the patch's list. */
export function mergeListField(original: unknown[], patch: unknown[], node: SchemaNode, mergeMap: MergeMap): unknown[] {
  if (node.type !== 'list' || patchStrategy(node) !== 'merge') return freshList(patch, node, mergeMap);
  return mergeList(original, patch, node, mergeMap);
}

/** The scalars of `current` not in `toDelete` (`$deleteFromPrimitiveList`), in their order. */
export function deleteFromList(current: readonly unknown[], toDelete: readonly unknown[]): unknown[] {
  const doomed = new Set(toDelete);
  return current.filter((item) => !doomed.has(item));
}

/**
 * A patch value with no server counterpart, cleaned as if merged into nothing: directives are applied or
 * dropped and, in maps, nulls removed, so that no `$`-member reaches a stored object.
 */
export function freshValue(value: unknown, node: SchemaNode, mergeMap: MergeMap): unknown {
  if (isJsonObject(value)) return mergeMap(undefined, value, node);
  if (Array.isArray(value)) return node.type === 'list' ? freshList(value, node, mergeMap) : value;
  return value;
}

/** A list with no server counterpart: directive elements of a merging list resolved, maps cleaned. */
function freshList(list: unknown[], node: SchemaNode, mergeMap: MergeMap): unknown[] {
  const items = elementNode(node);
  let elements = list;
  if (patchStrategy(node) === 'merge' && list.some((e) => isJsonObject(e) && hasMember(e, DIRECTIVE_MARKER))) {
    const resolved = resolveDirectiveElements([], list, node.patchMergeKey ?? '');
    elements = [...resolved.original, ...resolved.patch];
  }
  return elements.map((e) => (isJsonObject(e) ? mergeMap(undefined, e, items) : e));
}

/** Upstream's mergeSlice: the union or element-wise merge, in the order {@link normalizeElementOrder} fixes. */
function mergeList(original: unknown[], patch: unknown[], node: SchemaNode, mergeMap: MergeMap): unknown[] {
  const kind = elementKind(original, patch);
  if (kind === undefined) return original;
  const mergeKey = node.patchMergeKey ?? '';
  if (kind === 'scalar') {
    const merged = [...new Set([...original, ...patch])];
    const { named, others } = partitionByPresence(merged, patch, mergeKey, kind);
    return normalizeElementOrder(named, others, patch, original, mergeKey, kind);
  }
  if (mergeKey === '') throw noMergeKeyDeclared(goKindOf(elementNode(node)));
  const resolved = resolveDirectiveElements(original, patch, mergeKey);
  const items = elementNode(node);
  // After `$patch: replace` the server list is the patch's own elements, which still need cleaning.
  const fresh = (e: unknown): unknown => (isJsonObject(e) ? mergeMap(undefined, e, items) : e);
  const merged = resolved.replaced ? resolved.original.map(fresh) : [...resolved.original];
  for (const element of resolved.patch as JsonObject[]) {
    if (!hasMember(element, mergeKey)) throw noMergeKey(element, mergeKey);
    const at = findByMergeKey(merged, mergeKey, element[mergeKey]);
    if (at >= 0) merged[at] = mergeMap(merged[at] as JsonObject, element, items);
    else merged.push(mergeMap(undefined, element, items));
  }
  const { named, others } = partitionByPresence(merged, resolved.patch, mergeKey, kind);
  return normalizeElementOrder(named, others, resolved.patch, resolved.original, mergeKey, kind);
}

/**
 * Applies the `$patch` elements of a list of maps: `delete` removes the server elements with the same
 * merge key, `replace` makes the other patch elements the whole list. Returns the server list left (after
 * `replace`: the patch's other elements) and the patch elements still to merge.
 */
function resolveDirectiveElements(
  original: readonly unknown[],
  patch: readonly unknown[],
  mergeKey: string,
): { original: unknown[]; patch: unknown[]; replaced: boolean } {
  const remaining = [...original];
  const plain: unknown[] = [];
  let replace = false;
  for (const element of patch) {
    if (!isJsonObject(element) || !hasMember(element, DIRECTIVE_MARKER)) {
      plain.push(element);
      continue;
    }
    const directive = element[DIRECTIVE_MARKER];
    if (directive === 'delete') {
      if (!hasMember(element, mergeKey)) throw noMergeKey(element, mergeKey);
      const value = element[mergeKey];
      for (
        let at = findByMergeKey(remaining, mergeKey, value);
        at >= 0;
        at = findByMergeKey(remaining, mergeKey, value)
      ) {
        remaining.splice(at, 1);
      }
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw listMergeDirective();
    } else {
      throw badPatchType(directive, element);
    }
  }
  return replace
    ? { original: plain, patch: [], replaced: true }
    : { original: remaining, patch: plain, replaced: false };
}
