/**
 * The three patch types of PATCH requests other than server-side apply, as pure functions: JSON patch,
 * JSON merge patch and strategic merge patch.
 */
import type { SchemaNode } from '../schema-node.js';
import { decodeJson } from './decode-json.js';
import { applyJsonPatch, decodeJsonPatch, type JsonPatchOptions } from './json-patch.js';
import { checkMergePatchBody, mergePatch } from './merge-patch.js';
import { patchBadRequest } from './patch-errors.js';
import { checkStrategicPatchBody, strategicMergePatch } from './strategic-merge-patch.js';

export {
  applyJsonPatch,
  decodeJsonPatch,
  JSON_PATCH_MAX_COPY_BYTES,
  type JsonPatchOperation,
  type JsonPatchOptions,
  MAX_JSON_PATCH_OPERATIONS,
} from './json-patch.js';
export { mergePatch } from './merge-patch.js';
export { strategicMergePatch } from './strategic-merge-patch.js';
export { PATCH_UNPROCESSABLE_MESSAGE } from './patch-errors.js';

/** The media type of each patch kind, as the request's Content-Type names it. */
export const PATCH_CONTENT_TYPES = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
} as const;

export type PatchContentType = keyof typeof PATCH_CONTENT_TYPES;
export type PatchKind = (typeof PATCH_CONTENT_TYPES)[PatchContentType];

/**
 * The patch kind of a Content-Type, or undefined (then upstream answers 415). Like upstream, everything
 * from the first `;` is cut off and the rest compared exactly.
 */
export function patchKindOf(contentType: string): PatchKind | undefined {
  const cut = contentType.indexOf(';');
  const mediaType = cut > 0 ? contentType.slice(0, cut) : contentType;
  return Object.prototype.hasOwnProperty.call(PATCH_CONTENT_TYPES, mediaType)
    ? PATCH_CONTENT_TYPES[mediaType as PatchContentType]
    : undefined;
}

/** What upstream prefixes to a body decoding error, per kind (strategic merge patch adds nothing). */
const DECODE_PREFIX: Record<PatchKind, string> = {
  json: 'error decoding patch: ',
  merge: 'error decoding patch: ',
  strategic: '',
};

/**
 * Applies a patch of the given kind to `original` (the object as stored, in its versioned JSON form) and
 * returns the patched object; `original` and `patchBody` are not changed. `patchBody` is the request body,
 * either already decoded or as text/bytes (then decoded here, a syntax error being 400 with Go's wording).
 * `schema` drives strategic merge patch and is ignored by the other kinds; `options` tune JSON patch (the
 * copy limit, upstream's JSONPatchMaxCopyBytes).
 *
 * Throws a StatusError as kube-apiserver answers: 400 for a body that is not the kind's shape, 413 for a
 * JSON patch of more than 10000 operations, 422 (`the server rejected our request due to an error in our
 * request`) for a JSON patch operation that fails, and what strategicMergePatch documents for that kind.
 * The result is not validated or decoded into the kind: the caller does that.
 */
export function applyPatch(
  kind: PatchKind,
  original: unknown,
  patchBody: unknown,
  schema: SchemaNode,
  options: JsonPatchOptions = {},
): unknown {
  let body = patchBody;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    const decoded = decodeJson(body);
    if (!decoded.ok) throw patchBadRequest(`${DECODE_PREFIX[kind]}${decoded.message}`);
    body = decoded.value;
  }
  switch (kind) {
    case 'json':
      return applyJsonPatch(original, decodeJsonPatch(body), options);
    case 'merge':
      return mergePatch(original, checkMergePatchBody(body));
    case 'strategic':
      return strategicMergePatch(original, checkStrategicPatchBody(body), schema);
  }
}
