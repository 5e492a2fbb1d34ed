/**
 * Server-side apply, first cut: the applied configuration creates the object when it does not exist and
 * is otherwise merged into it by the kind's merge rules (as a strategic merge patch). Field ownership
 * (managedFields) and conflicts are not tracked yet.
 */
import { schemaNode } from '../../api/schema/schema-node.js';
import { strategicMergePatch } from '../../machinery/patch/index.js';
import { badRequest, StatusError } from '../../machinery/status.js';
import type { UpdateOptions } from '../registry/generic/registry.js';
import type { ApiObject } from '../registry/strategy.js';
import { type ApiRequest, namespaceOf } from './api-request.js';
import { checkObject, fieldValidationOf } from './request-object.js';

export async function applyConfiguration(
  r: ApiRequest,
  config: unknown,
  options: UpdateOptions,
): Promise<{ object: ApiObject; created: boolean }> {
  if (!r.query.get('fieldManager')) {
    throw badRequest('PATCH, application/apply-patch+yaml requests must specify a fieldManager');
  }
  const validation = fieldValidationOf(r.query);
  const applied = checkObject(config, r.resource, validation, r.warnings);
  const name = r.info.name ?? '';
  const meta = (applied.metadata ?? {}) as { name?: string };
  if (meta.name !== undefined && meta.name !== name) {
    throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
  }
  try {
    const object = await r.registry.update(
      namespaceOf(r),
      name,
      (current) => {
        const merged = strategicMergePatch(
          current,
          structuredClone(applied),
          schemaNode(r.resource.kind.schema),
        ) as ApiObject;
        return checkObject(merged, r.resource, 'Ignore', []);
      },
      options,
    );
    return object;
  } catch (err) {
    if (!(err instanceof StatusError) || err.code !== 404 || options.subresource !== undefined) throw err;
  }
  const fresh = structuredClone(applied);
  (fresh.metadata as { name?: string }).name = name;
  return { object: await r.registry.create(namespaceOf(r), fresh, options), created: true };
}
