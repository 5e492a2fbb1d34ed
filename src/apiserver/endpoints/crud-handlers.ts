/** The verbs on objects and collections: get, list, create, update, delete, deletecollection. */
import { badRequest, methodNotSupported, success } from '../../machinery/status.js';
import { listFromStore } from '../registry/generic/list.js';
import { selection } from '../registry/generic/selection.js';
import { mediaTypeOf, parseDocument, readBody } from '../request/body.js';
import { type ApiRequest, isDryRun, managerOf, namespaceOf } from './api-request.js';
import { writeList, writeObject } from './represent.js';
import { decodeObjectBody, fieldValidationOf } from './request-object.js';
import { writeJson } from './respond.js';
import type { DeleteOptions } from '../registry/generic/registry.js';

export async function getObject(r: ApiRequest): Promise<void> {
  writeObject(r, 200, await r.registry.get(namespaceOf(r), r.info.name ?? ''));
}

export async function listObjects(r: ApiRequest): Promise<void> {
  const select = selection(r.resource, r.query.get('labelSelector') ?? '', r.query.get('fieldSelector') ?? '');
  const limit = parseLimit(r.query.get('limit'));
  // resourceVersion=0 means "any version": the watch cache answers, as upstream's does (limit ignored).
  if (r.query.get('resourceVersion') === '0' && !r.query.get('continue') && !r.query.get('resourceVersionMatch')) {
    writeList(r, await r.registry.watchCache().list(namespaceOf(r), select));
    return;
  }
  const result = await listFromStore(r.store, r.resource, namespaceOf(r), select, {
    ...(limit === undefined ? {} : { limit }),
    ...optional('continue', r.query.get('continue')),
    ...optional('resourceVersion', r.query.get('resourceVersion')),
    ...optional('resourceVersionMatch', r.query.get('resourceVersionMatch')),
  });
  writeList(r, result);
}

export async function createObject(r: ApiRequest): Promise<void> {
  const body = await readBody(r.req);
  const obj = decodeObjectBody(
    body,
    mediaTypeOf(r.req.headers['content-type']),
    r.resource,
    fieldValidationOf(r.query),
    r.warnings,
  );
  const created = await r.registry.create(namespaceOf(r), obj, {
    dryRun: isDryRun(r.query),
    user: r.user,
    fieldManager: managerOf(r),
  });
  writeObject(r, 201, created);
}

export async function updateObject(r: ApiRequest, subresource?: 'status' | 'finalize'): Promise<void> {
  const body = await readBody(r.req);
  const obj = decodeObjectBody(
    body,
    mediaTypeOf(r.req.headers['content-type']),
    r.resource,
    fieldValidationOf(r.query),
    r.warnings,
  );
  const result = await r.registry.update(namespaceOf(r), r.info.name ?? '', () => obj, {
    dryRun: isDryRun(r.query),
    user: r.user,
    fieldManager: managerOf(r),
    ...(subresource === undefined ? {} : { subresource }),
  });
  writeObject(r, result.created ? 201 : 200, result.object);
}

export async function deleteObject(r: ApiRequest): Promise<void> {
  const options = await deleteOptions(r);
  const name = r.info.name ?? '';
  const result = await r.registry.delete(namespaceOf(r), name, options);
  if (result.deleted) {
    const meta = (result.object.metadata ?? {}) as { uid?: string };
    writeJson(
      r.res,
      200,
      success({
        name,
        group: r.resource.kind.group,
        kind: r.resource.kind.plural,
        ...(meta.uid ? { uid: meta.uid } : {}),
      }),
      {
        warnings: r.warnings,
      },
    );
    return;
  }
  writeObject(r, 202, result.object);
}

export async function deleteCollection(r: ApiRequest): Promise<void> {
  if (r.resource.kind.verbs !== undefined && !r.resource.kind.verbs.includes('deletecollection')) {
    throw methodNotSupported(r.resource.groupResource, 'deletecollection');
  }
  const options = await deleteOptions(r);
  const select = selection(r.resource, r.query.get('labelSelector') ?? '', r.query.get('fieldSelector') ?? '');
  const listed = await listFromStore(r.store, r.resource, namespaceOf(r), select, {});
  const deleted = [];
  for (const obj of listed.items) {
    const meta = (obj.metadata ?? {}) as { name?: string; namespace?: string };
    try {
      deleted.push((await r.registry.delete(meta.namespace, meta.name ?? '', options)).object);
    } catch (err) {
      if ((err as { code?: number }).code !== 404) throw err;
    }
  }
  writeList(r, { items: deleted, resourceVersion: listed.resourceVersion });
}

/** DeleteOptions from the body (if any) and the query. */
async function deleteOptions(r: ApiRequest): Promise<DeleteOptions> {
  const body = await readBody(r.req);
  let fromBody: Record<string, unknown> = {};
  if (body.length > 0) {
    const value = parseDocument(body, mediaTypeOf(r.req.headers['content-type']) || 'application/json');
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw badRequest('DeleteOptions must be an object');
    fromBody = value as Record<string, unknown>;
  }
  const grace = r.query.get('gracePeriodSeconds') ?? fromBody.gracePeriodSeconds;
  const policy = r.query.get('propagationPolicy') ?? fromBody.propagationPolicy;
  const dryRun = isDryRun(r.query) || (Array.isArray(fromBody.dryRun) && fromBody.dryRun.includes('All'));
  if (policy !== undefined && policy !== null && !['Orphan', 'Background', 'Foreground'].includes(String(policy))) {
    throw badRequest(
      `propagationPolicy: Unsupported value: "${String(policy)}": supported values: "Foreground", "Background", "Orphan"`,
    );
  }
  const graceSeconds = grace === undefined || grace === null ? undefined : Number(grace);
  if (graceSeconds !== undefined && !Number.isInteger(graceSeconds))
    throw badRequest(`invalid gracePeriodSeconds: ${String(grace)}`);
  const pre = fromBody.preconditions as { uid?: string; resourceVersion?: string } | undefined;
  const orphan = r.query.get('orphanDependents') ?? fromBody.orphanDependents;
  return {
    dryRun,
    user: r.user,
    ...(graceSeconds === undefined ? {} : { gracePeriodSeconds: graceSeconds }),
    ...(policy === undefined || policy === null
      ? {}
      : { propagationPolicy: policy as DeleteOptions['propagationPolicy'] & string }),
    ...(pre === undefined || pre === null ? {} : { preconditions: pre }),
    ...(orphan === undefined || orphan === null ? {} : { orphanDependents: orphan === true || orphan === 'true' }),
  };
}

function parseLimit(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`invalid limit: ${value}`);
  return n;
}

function optional<K extends string>(key: K, value: string | null): { [P in K]?: string } {
  return (value === null || value === '' ? {} : { [key]: value }) as { [P in K]?: string };
}
