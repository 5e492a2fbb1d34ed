/** The scale subresource: an autoscaling/v1 Scale view of a workload's replicas. */
import { badRequest, methodNotSupported } from '../../machinery/status.js';
import { applyPatch, patchKindOf } from '../../machinery/patch/index.js';
import { ANY_NODE } from '../../machinery/schema-node.js';
import { formatLabelSelector } from '../table/index.js';
import type { ApiObject } from '../registry/strategy.js';
import type { ScaleSubresource } from '../../api/schema/kind.js';
import { mediaTypeOf, parseDocument, readBody } from '../request/body.js';
import { type ApiRequest, isDryRun, managerOf, namespaceOf } from './api-request.js';
import { writeJson } from './respond.js';

const read = (obj: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      obj,
    );

function write(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cursor = obj;
  for (const k of keys.slice(0, -1)) {
    if (cursor[k] === null || typeof cursor[k] !== 'object') cursor[k] = {};
    cursor = cursor[k] as Record<string, unknown>;
  }
  cursor[keys[keys.length - 1]!] = value;
}

function toScale(obj: ApiObject, scale: ScaleSubresource): Record<string, unknown> {
  const meta = (obj.metadata ?? {}) as Record<string, unknown>;
  const selector = scale.labelSelectorPath ? read(obj, scale.labelSelectorPath) : read(obj, 'spec.selector');
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: meta.name,
      namespace: meta.namespace,
      uid: meta.uid,
      resourceVersion: meta.resourceVersion,
      creationTimestamp: meta.creationTimestamp,
    },
    spec: { replicas: Number(read(obj, scale.specReplicasPath) ?? 0) },
    status: {
      replicas: Number(read(obj, scale.statusReplicasPath) ?? 0),
      ...(typeof selector === 'string' ? { selector } : selector ? { selector: formatLabelSelector(selector) } : {}),
    },
  };
}

export async function serveScale(r: ApiRequest): Promise<void> {
  const scale = r.resource.kind.subresources!.scale!;
  const name = r.info.name ?? '';
  if (r.info.verb === 'get') {
    writeJson(r.res, 200, toScale(await r.registry.get(namespaceOf(r), name), scale));
    return;
  }
  if (r.info.verb !== 'update' && r.info.verb !== 'patch') {
    throw methodNotSupported(
      { group: r.resource.kind.group, resource: `${r.resource.kind.plural}/scale` },
      r.info.verb,
    );
  }
  const mediaType = mediaTypeOf(r.req.headers['content-type']);
  const body = await readBody(r.req);
  const result = await r.registry.update(
    namespaceOf(r),
    name,
    (current) => {
      let desired: unknown;
      if (r.info.verb === 'update') {
        desired = parseDocument(body, mediaType || 'application/json');
      } else {
        const kind = patchKindOf(mediaType);
        if (kind === undefined) throw badRequest(`unsupported patch type for scale: ${mediaType}`);
        desired = applyPatch(kind, toScale(current, scale), body, ANY_NODE);
      }
      const replicas = read(desired, 'spec.replicas');
      if (typeof replicas !== 'number' || !Number.isInteger(replicas))
        throw badRequest('spec.replicas must be an integer');
      const rv = read(desired, 'metadata.resourceVersion');
      write(current, scale.specReplicasPath, replicas);
      if (r.info.verb === 'update' && typeof rv === 'string' && rv !== '')
        (current.metadata as Record<string, unknown>).resourceVersion = rv;
      return current;
    },
    { dryRun: isDryRun(r.query), user: r.user, fieldManager: managerOf(r), subresource: 'scale' as const },
  );
  writeJson(r.res, 200, toScale(result.object, scale));
}
