/**
 * JSON Merge Patch (RFC 7386, `application/merge-patch+json`): objects merge member by member, a null
 * member deletes, anything else (arrays included) replaces.
 */
import { cloneJson, getMember, isJsonObject, type JsonObject, jsonKindWord, setMember } from './json-value.js';
import { patchBadRequest } from './patch-errors.js';

/**
 * RFC 7386's MergePatch(target, patch) without changing either input. A patch that is not an object
 * replaces the target; members of an object patch merge into the target (a non-object target counts as
 * `{}`), null members deleting theirs.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const result: JsonObject = isJsonObject(target) ? cloneJson(target) : {};
  mergeInto(result, patch);
  return result;
}

/** Merges an object patch into an object that is already a private copy. */
function mergeInto(result: JsonObject, patch: JsonObject): void {
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[name];
    } else if (isJsonObject(value)) {
      const current = getMember(result, name);
      const merged = isJsonObject(current) ? current : {};
      mergeInto(merged, value);
      setMember(result, name, merged);
    } else {
      setMember(result, name, cloneJson(value));
    }
  }
}

/**
 * Checks a decoded `application/merge-patch+json` body as upstream does before merging: null is 400
 * `Invalid JSON Patch`; anything but an object is 400 `error decoding patch: json: cannot unmarshal …`.
 */
export function checkMergePatchBody(body: unknown): JsonObject {
  if (body === null) throw patchBadRequest('Invalid JSON Patch');
  if (!isJsonObject(body)) {
    throw patchBadRequest(
      `error decoding patch: json: cannot unmarshal ${jsonKindWord(body)} into Go value of type map[string]interface {}`,
    );
  }
  return body;
}
