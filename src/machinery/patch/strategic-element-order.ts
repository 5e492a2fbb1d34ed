/**
 * `$setElementOrder/<field>`: the order a client wants a merging list in, given as the list of its
 * elements' merge keys (or the scalars themselves). The list is merged first, then ordered: elements named
 * by the directive in its order, others in the server's, interleaved as the server had them.
 */
import type { SchemaNode } from '../schema-node.js';
import { getMember, hasMember, isJsonObject, type JsonObject, setMember } from './json-value.js';
import {
  badArgType,
  badPrimitiveListFormat,
  badSetElementOrderFormat,
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  DIRECTIVE_MARKER,
  noMergeKey,
  orderMismatch,
  SET_ELEMENT_ORDER_PREFIX,
} from './strategic-errors.js';
import { elementKind, freshValue, mergeListField, type MergeMap } from './strategic-list-merge.js';
import { normalizeElementOrder, partitionByPresence } from './strategic-list-order.js';
import { memberNode } from './strategic-schema.js';

/**
 * The field a parallel-list directive key names (`$setElementOrder/containers` → `containers`); throws 400
 * when the key is not `<prefix>/<field>`.
 */
export function directiveField(key: string, prefix: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    throw prefix === SET_ELEMENT_ORDER_PREFIX ? badSetElementOrderFormat() : badPrimitiveListFormat();
  }
  return key.slice(slash + 1);
}

/** Whether two elements are the same element: equal merge keys for maps, equal values for scalars. */
function sameElement(a: unknown, b: unknown, mergeKey: string): boolean {
  if (mergeKey === '') return a === b;
  if (!isJsonObject(a)) throw badArgType('map', a);
  if (!isJsonObject(b)) throw badArgType('map', b);
  if (!hasMember(a, mergeKey)) throw noMergeKey(a, mergeKey);
  if (!hasMember(b, mergeKey)) throw noMergeKey(b, mergeKey);
  return a[mergeKey] === b[mergeKey];
}

/**
 * Throws 500 unless the patch's elements (directive elements aside) appear in the order list in the same
 * relative order.
 */
function checkPatchFollowsOrder(patchList: readonly unknown[], order: readonly unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  let candidates = patchList;
  if (mergeKey !== '') {
    for (const item of patchList) if (!isJsonObject(item)) throw badArgType('map', item);
    candidates = patchList.filter((item) => getMember(item as JsonObject, DIRECTIVE_MARKER) !== 'delete');
  }
  let p = 0;
  let o = 0;
  while (p < candidates.length && o < order.length) {
    const item = candidates[p];
    if (isJsonObject(item) && hasMember(item, DIRECTIVE_MARKER)) {
      p++;
      continue;
    }
    if (sameElement(item, order[o], mergeKey)) p++;
    o++;
  }
  if (p < candidates.length) throw orderMismatch(patchList, order);
}

/**
 * Processes every `$setElementOrder/<field>` of a patch map: merges the field's list (server's and
 * patch's) and orders it, writing the result into `original` and removing the directive and the field from
 * `patch` so the caller does not merge them again. Both maps are private copies.
 */
export function applySetElementOrder(
  original: JsonObject,
  patch: JsonObject,
  node: SchemaNode,
  mergeMap: MergeMap,
): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw badArgType('list', order);
    const field = directiveField(key, SET_ELEMENT_ORDER_PREFIX);
    const inOriginal = hasMember(original, field);
    const inPatch = hasMember(patch, field);
    const originalList = original[field];
    const patchList = patch[field];
    if (inOriginal && !Array.isArray(originalList)) throw badArgType('list', originalList);
    if (inPatch && !Array.isArray(patchList)) throw badArgType('list', patchList);
    if (!inOriginal && !inPatch) continue;
    const serverList = (inOriginal ? originalList : []) as unknown[];
    const patchElements = (inPatch ? patchList : []) as unknown[];
    const child = memberNode(node, field);
    const mergeKey = child.patchMergeKey ?? '';
    checkPatchFollowsOrder(patchElements, order, mergeKey);

    let merged: unknown[];
    if (!inPatch) merged = serverList;
    else if (!inOriginal) merged = freshValue(patchElements, child, mergeMap) as unknown[];
    else merged = mergeListField(serverList, patchElements, child, mergeMap);
    delete patch[field];

    const kind = elementKind(serverList, patchElements);
    if (kind === undefined) {
      setMember(original, field, merged);
      continue;
    }
    const { named, others } = partitionByPresence(merged, order, mergeKey, kind);
    setMember(original, field, normalizeElementOrder(named, others, order, serverList, mergeKey, kind));
  }
}

/** Whether a patch map member is one of the parallel-list directives (which `$retainKeys` ignores). */
export const isParallelListDirective = (key: string): boolean =>
  key.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX) || key.startsWith(SET_ELEMENT_ORDER_PREFIX);
