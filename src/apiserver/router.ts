/**
 * The request pipeline: routing, authentication → authorization → the handler (admission runs inside the
 * registry's writes), with one error boundary that turns every failure into a Status.
 */
import { forbidden, methodNotSupported, pathNotFound, StatusError } from '../machinery/status.js';
import { requireUser } from './authn/index.js';
import { type ApiRequest } from './endpoints/api-request.js';
import {
  createObject,
  deleteCollection,
  deleteObject,
  getObject,
  listObjects,
  updateObject,
} from './endpoints/crud-handlers.js';
import type { RequestLike, ResponseLike } from './endpoints/http-types.js';
import { patchObject } from './endpoints/patch-handler.js';
import { writeError } from './endpoints/respond.js';
import { serveScale } from './endpoints/scale-handler.js';
import { bindPodHandler } from './endpoints/binding-handler.js';
import { evictPod } from './endpoints/eviction-handler.js';
import { REVIEW_GROUPS, reviewHandler } from './endpoints/review-handler.js';
import { watchObjects } from './endpoints/watch-handler.js';
import { servePath } from './paths.js';
import type { RouterDeps } from './router-deps.js';
import { ClientGone } from './request/client-gone.js';
import { negotiate } from './request/negotiate.js';
import { requestInfo, type ResourceRequest } from './request/request-info.js';
import type { UserInfo } from './registry/strategy.js';

/** Paths anyone may read, as upstream's system:public-info-viewer allows. */
const PUBLIC_PATHS = new Set(['/healthz', '/livez', '/readyz', '/version', '/version/']);

export const registryKey = (group: string, version: string, plural: string): string => `${group}/${version}/${plural}`;

export function createRouter(deps: RouterDeps): (req: RequestLike, res: ResponseLike) => Promise<void> {
  return async (req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'https://localhost');
    const info = requestInfo(req.method ?? 'GET', url.pathname, url.searchParams);
    const warnings: string[] = [];
    try {
      let user: UserInfo | undefined;
      if (!(info.kind === 'path' && PUBLIC_PATHS.has(info.path))) {
        user = requireUser(deps.authenticator, deps.authenticationRequest(req));
        const decision = await deps.authorizer.authorize(user, info);
        if (!decision.allowed) throw forbidden({ group: '', resource: '' }, '', decision.reason);
      }
      if (info.kind === 'path') await servePath(deps, info, req, res, url);
      else await serveResource(deps, info, req, res, url.searchParams, user!, warnings);
    } catch (err) {
      writeError(res, err, warnings);
    } finally {
      deps.metrics.observeRequest(info, res.statusCode, performance.now() - started);
    }
  };
}

/** A watch, counted in `apiserver_longrunning_requests` while it runs. */
async function watchTracked(deps: RouterDeps, info: ResourceRequest, r: ApiRequest): Promise<void> {
  deps.metrics.trackLongRunning(info, 1);
  try {
    await watchObjects(r);
  } finally {
    deps.metrics.trackLongRunning(info, -1);
  }
}

async function serveResource(
  deps: RouterDeps,
  info: ResourceRequest,
  req: RequestLike,
  res: ResponseLike,
  query: URLSearchParams,
  user: UserInfo,
  warnings: string[],
): Promise<void> {
  const registry = deps.registries.get(registryKey(info.group, info.version, info.resource));
  if (registry === undefined) throw pathNotFound();
  const resource = registry.resource;
  const clientGone = new ClientGone(res);
  const r: ApiRequest = {
    req,
    res,
    query,
    info,
    resource,
    registry,
    store: deps.store,
    user,
    representation: negotiate(req.headers.accept),
    warnings,
    now: deps.now,
    get signal() {
      return clientGone.signal;
    },
  };
  const verbs = resource.kind.verbs;
  if (verbs !== undefined && !verbs.includes(info.verb as never) && info.subresource === undefined) {
    throw methodNotSupported(resource.groupResource, info.verb);
  }
  if (info.subresource === 'eviction' && info.group === '' && info.resource === 'pods' && info.verb === 'create') {
    const budgets = deps.registries.get(registryKey('policy', 'v1', 'poddisruptionbudgets'));
    if (budgets !== undefined) return evictPod(r, budgets);
  }
  if (info.subresource !== undefined) return serveSubresource(r, info.subresource);
  if (REVIEW_GROUPS.has(info.group)) return reviewHandler(r, deps.authorizer, deps.authenticator);
  if (info.group === '' && info.resource === 'bindings' && info.verb === 'create') {
    const pods = deps.registries.get(registryKey('', info.version, 'pods'));
    if (pods !== undefined) return bindPodHandler({ ...r, registry: pods, resource: pods.resource });
  }
  switch (info.verb) {
    case 'get':
      return getObject(r);
    case 'list':
      return listObjects(r);
    case 'watch':
      return watchTracked(deps, info, r);
    case 'create':
      if (info.name !== undefined) throw methodNotSupported(resource.groupResource, 'create');
      return createObject(r);
    case 'update':
      return updateObject(r);
    case 'patch':
      return patchObject(r);
    case 'delete':
      return deleteObject(r);
    case 'deletecollection':
      return deleteCollection(r);
    default:
      throw methodNotSupported(resource.groupResource, info.verb);
  }
}

async function serveSubresource(r: ApiRequest, subresource: string): Promise<void> {
  const { resource, info } = r;
  if (subresource === 'status' && resource.kind.subresources?.status) {
    if (info.verb === 'get') return getObject(r);
    if (info.verb === 'update') return updateObject(r, 'status');
    if (info.verb === 'patch') return patchObject(r, 'status');
    throw methodNotSupported({ group: resource.kind.group, resource: `${resource.kind.plural}/status` }, info.verb);
  }
  if (subresource === 'scale' && resource.kind.subresources?.scale) return serveScale(r);
  if (
    subresource === 'finalize' &&
    resource.kind.group === '' &&
    resource.kind.plural === 'namespaces' &&
    info.verb === 'update'
  ) {
    return updateObject(r, 'finalize');
  }
  if (
    subresource === 'binding' &&
    resource.kind.group === '' &&
    resource.kind.plural === 'pods' &&
    info.verb === 'create'
  ) {
    return bindPodHandler(r);
  }
  throw new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'the server could not find the requested resource',
    reason: 'NotFound',
    details: {},
    code: 404,
  });
}
