/**
 * PATCH of an object (or its status): JSON patch, merge patch and strategic merge patch applied to the
 * current object inside the registry's update loop; server-side apply (`application/apply-patch+yaml`).
 */
import { schemaNode } from '../../api/schema/schema-node.js';
import { applyPatch, patchKindOf } from '../../machinery/patch/index.js';
import { unsupportedMediaType } from '../../machinery/status.js';
import { mediaTypeOf, parseDocument, readBody } from '../request/body.js';
import { type ApiRequest, isDryRun, managerOf, namespaceOf } from './api-request.js';
import { applyConfiguration } from './apply.js';
import { writeObject } from './represent.js';
import { checkObject, fieldValidationOf } from './request-object.js';

export const PATCH_MEDIA_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
] as const;

export async function patchObject(r: ApiRequest, subresource?: 'status'): Promise<void> {
  const mediaType = mediaTypeOf(r.req.headers['content-type']);
  const body = await readBody(r.req);
  const validation = fieldValidationOf(r.query);
  const options = {
    dryRun: isDryRun(r.query),
    user: r.user,
    fieldManager: managerOf(r),
    ...(subresource === undefined ? {} : { subresource }),
  };
  if (mediaType === 'application/apply-patch+yaml') {
    const result = await applyConfiguration(r, parseDocument(body, mediaType), options);
    writeObject(r, result.created ? 201 : 200, result.object);
    return;
  }
  const kind = patchKindOf(mediaType);
  if (kind === undefined) throw unsupportedMediaType(mediaType, PATCH_MEDIA_TYPES);
  const node = schemaNode(r.resource.kind.schema);
  const result = await r.registry.update(
    namespaceOf(r),
    r.info.name ?? '',
    (current) => {
      const patched = applyPatch(kind, current, body, node);
      return checkObject(patched, r.resource, validation, r.warnings);
    },
    options,
  );
  writeObject(r, 200, result.object);
}
