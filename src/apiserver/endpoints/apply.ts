/**
 * Server-side apply (`application/apply-patch+yaml`): the applied configuration is merged into the live
 * object by field ownership (src/machinery/apply): fields another manager owns with a different value are
 * a 409 conflict unless `force=true`; the object is created when it does not exist.
 */
import { apiVersionOf } from '../../api/schema/kind.js';
import { schemaNode } from '../../api/schema/schema-node.js';
import { apply } from '../../machinery/apply/index.js';
import { badRequest, StatusError } from '../../machinery/status.js';
import type { UpdateOptions } from '../registry/generic/registry.js';
import type { ApiObject } from '../registry/strategy.js';
import { type ApiRequest, namespaceOf } from './api-request.js';
import { checkObject, fieldValidationOf } from './request-object.js';

/** Paths a manager may not own through an endpoint: status on the main resource, spec on status. */
export function resetFieldsOf(r: ApiRequest, subresource: string | undefined): string[][] {
  if (!r.resource.kind.subresources?.status) return [];
  return subresource === 'status' ? [['spec']] : [['status']];
}

export async function applyConfiguration(
  r: ApiRequest,
  config: unknown,
  options: UpdateOptions,
): Promise<{ object: ApiObject; created: boolean }> {
  const manager = r.query.get('fieldManager');
  if (!manager) throw badRequest('PATCH, application/apply-patch+yaml requests must specify a fieldManager');
  const force = r.query.get('force') === 'true';
  const validation = fieldValidationOf(r.query);
  const applied = checkObject(structuredClone(config), r.resource, validation, r.warnings);
  const name = r.info.name ?? '';
  const meta = (applied.metadata ?? {}) as { name?: string };
  if (meta.name !== undefined && meta.name !== name) {
    throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
  }
  const applyOptions = {
    manager,
    force,
    schema: schemaNode(r.resource.kind.schema),
    apiVersion: apiVersionOf(r.resource.kind),
    kind: r.resource.kind.kind,
    now: r.now(),
    resetFields: resetFieldsOf(r, options.subresource),
    ...(options.subresource === undefined ? {} : { subresource: options.subresource }),
  };
  const withManagedFields = { ...options, managedFieldsSet: true };
  try {
    return await r.registry.update(
      namespaceOf(r),
      name,
      (current) => checkObject(apply(current, applied, applyOptions).object, r.resource, 'Ignore', []),
      withManagedFields,
    );
  } catch (err) {
    if (!(err instanceof StatusError) || err.code !== 404 || options.subresource !== undefined) throw err;
  }
  (applied.metadata as { name?: string }).name = name;
  const fresh = checkObject(apply(undefined, applied, applyOptions).object, r.resource, 'Ignore', []);
  return { object: await r.registry.create(namespaceOf(r), fresh, withManagedFields), created: true };
}
