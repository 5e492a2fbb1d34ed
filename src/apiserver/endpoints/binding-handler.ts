/**
 * pods/binding: the scheduler's way to assign a pod to a node. The Binding sets spec.nodeName (and its
 * annotations) on the pod, which a pod update may not change; it is refused if the pod is already bound.
 */
import { bindingErrors, bindPod } from '../registry/core/pods/index.js';
import { throwIfInvalid } from '../../machinery/field-errors.js';
import { badRequest, success } from '../../machinery/status.js';
import type { ApiObject } from '../registry/strategy.js';
import { BODY_MEDIA_TYPES, mediaTypeOf, parseDocument, readBody, requireMediaType } from '../request/body.js';
import { type ApiRequest, isDryRun, managerOf, namespaceOf } from './api-request.js';
import { writeJson } from './respond.js';

/** `pods/NAME/binding`, or the older `bindings` collection (the pod is the Binding's own name). */
export async function bindPodHandler(r: ApiRequest): Promise<void> {
  const mediaType = mediaTypeOf(r.req.headers['content-type']) || 'application/json';
  requireMediaType(
    mediaType,
    BODY_MEDIA_TYPES.filter((t) => t !== 'application/vnd.kubernetes.protobuf'),
  );
  const value = parseDocument(await readBody(r.req), mediaType);
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw badRequest('a Binding must be an object');
  const binding = value as ApiObject;
  if (binding.kind !== undefined && binding.kind !== 'Binding') {
    throw badRequest(`the kind in the data (${String(binding.kind)}) does not match the expected kind (Binding)`);
  }
  const meta = (binding.metadata ??= {});
  const name = r.info.name ?? meta.name ?? '';
  if (meta.name !== undefined && meta.name !== name) {
    throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
  }
  meta.name = name;
  meta.namespace = namespaceOf(r);
  throwIfInvalid({ group: '', kind: 'Binding' }, name, bindingErrors(binding));
  await r.registry.update(namespaceOf(r), name, (current) => bindPod(current, binding, r.now()), {
    dryRun: isDryRun(r.query),
    user: r.user,
    fieldManager: managerOf(r),
    subresource: 'binding',
    copyOnWrite: true,
  });
  writeJson(r.res, 201, success());
}
