/**
 * Strategic merge patch (`application/strategic-merge-patch+json`), driven by a SchemaNode: maps and
 * structs merge member by member (null deletes), lists merge as their schema declares (see
 * strategic-list-merge.ts), and the directives `$patch`, `$retainKeys`, `$setElementOrder/<field>` and
 * `$deleteFromPrimitiveList/<field>` do what upstream's strategicpatch package does with them. Where the
 * schema knows nothing (`any`, or a member it does not declare) the patch merges as a JSON merge patch.
 */
import { ANY_NODE, type SchemaNode } from '../schema-node.js';
import {
  cloneJson,
  getMember,
  hasMember,
  isJsonObject,
  type JsonObject,
  jsonKindWord,
  setMember,
} from './json-value.js';
import { mergePatch } from './merge-patch.js';
import { patchBadRequest } from './patch-errors.js';
import { applySetElementOrder, directiveField, isParallelListDirective } from './strategic-element-order.js';
import {
  badPatchType,
  badPrimitiveListFormat,
  badRetainKeysFormat,
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  DIRECTIVE_MARKER,
  RETAIN_KEYS_DIRECTIVE,
} from './strategic-errors.js';
import { deleteFromList, freshValue, mergeListField } from './strategic-list-merge.js';
import { memberNode, mergesByKey, patchStrategy } from './strategic-schema.js';

/**
 * Applies a strategic merge patch to a copy of `original` (neither input changes) and returns the result.
 * A null patch changes nothing. Errors are StatusErrors as kube-apiserver answers them: 400 for malformed
 * directives (`invalid patch format of retainKeys`), 422 for lists of lists, 500 with upstream's text for
 * the rest (`map: map[image:x] does not contain declared merge key: name`).
 */
export function strategicMergePatch(
  original: unknown,
  patch: JsonObject | null,
  schema: SchemaNode = ANY_NODE,
): unknown {
  if (patch === null) return cloneJson(original);
  const base = isJsonObject(original) ? cloneJson(original) : {};
  return mergeMap(base, cloneJson(patch), schema);
}

/**
 * Checks a decoded `application/strategic-merge-patch+json` body as upstream decodes it: anything but an
 * object or null is 400 `json: cannot unmarshal <kind> into Go value of type map[string]interface {}`.
 */
export function checkStrategicPatchBody(body: unknown): JsonObject | null {
  if (body === null || isJsonObject(body)) return body;
  throw patchBadRequest(`json: cannot unmarshal ${jsonKindWord(body)} into Go value of type map[string]interface {}`);
}

/**
 * Merges a patch map into a server map (undefined when the server has none) under `node`. Both are
 * private copies: the server map is changed in place and returned, the patch map loses the members it has
 * consumed.
 */
function mergeMap(original: JsonObject | undefined, patch: JsonObject, node: SchemaNode): JsonObject {
  if (!mergesByKey(node)) return mergePatch(original ?? {}, patch) as JsonObject;
  if (hasMember(patch, DIRECTIVE_MARKER)) return mapDirective(patch, node);
  const result = original ?? {};
  applyRetainKeys(result, patch);
  applySetElementOrder(result, patch, node, mergeMap);
  for (const [member, value] of Object.entries(patch)) {
    const deletion = member.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX);
    const name = deletion ? directiveField(member, DELETE_FROM_PRIMITIVE_LIST_PREFIX) : member;
    if (value === null) {
      delete result[name];
    } else if (deletion) {
      if (!Array.isArray(value)) throw badPrimitiveListFormat();
      const current = getMember(result, name);
      if (Array.isArray(current)) setMember(result, name, deleteFromList(current, value));
    } else {
      setMember(result, name, mergeMember(getMember(result, name), value, memberNode(node, name)));
    }
  }
  return result;
}

/** The merged value of one member: maps and lists merge with the server's, anything else replaces it. */
function mergeMember(current: unknown, value: unknown, node: SchemaNode): unknown {
  if (isJsonObject(current) && isJsonObject(value)) {
    return mergesByKey(node) && patchStrategy(node) === 'replace'
      ? freshValue(value, node, mergeMap)
      : mergeMap(current, value, node);
  }
  if (Array.isArray(current) && Array.isArray(value)) return mergeListField(current, value, node, mergeMap);
  return freshValue(value, node, mergeMap);
}

/** `$patch` on a map: `replace` makes the rest of the patch the whole map, `delete` empties it. */
function mapDirective(patch: JsonObject, node: SchemaNode): JsonObject {
  const directive = patch[DIRECTIVE_MARKER];
  if (directive === 'replace') {
    delete patch[DIRECTIVE_MARKER];
    return mergeMap(undefined, patch, node);
  }
  if (directive === 'delete') return {};
  throw badPatchType(directive, patch);
}

/**
 * `$retainKeys`: server members not in the list are cleared. Every member the patch sets (not null, not a
 * parallel-list directive) must be in the list, or the patch is 400 `invalid patch format of retainKeys`.
 */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!hasMember(patch, RETAIN_KEYS_DIRECTIVE)) return;
  const retain = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];
  if (!Array.isArray(retain)) throw badRetainKeysFormat();
  const kept = new Set<unknown>(retain);
  for (const [member, value] of Object.entries(patch)) {
    if (value !== null && !isParallelListDirective(member) && !kept.has(member)) throw badRetainKeysFormat();
  }
  for (const member of Object.keys(original)) if (!kept.has(member)) delete original[member];
}
