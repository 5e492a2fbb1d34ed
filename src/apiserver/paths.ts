/** Paths that are not resources: discovery, OpenAPI, version, health and metrics. */
import { methodNotSupported, pathNotFound } from '../machinery/status.js';
import { aggregatedContentType, aggregatedDiscovery, wantsAggregated } from './discovery/aggregated.js';
import { apiGroupList, apiGroupOf, apiResourceList, apiVersions } from './discovery/legacy.js';
import type { RequestLike, ResponseLike } from './endpoints/http-types.js';
import { writeJson } from './endpoints/respond.js';
import type { PathRequest } from './request/request-info.js';
import type { RouterDeps } from './router-deps.js';
import { versionInfo } from './version.js';

/** kubectl asks /openapi/v2 as protobuf (spelt with `.v1.0` or `@v1.0`); an empty document lets it go on. */
const OPENAPI_V2_PROTOBUF = /^application\/com\.github\.proto-openapi\.spec\.v2[.@]v1\.0\+protobuf/;

export async function servePath(
  deps: RouterDeps,
  info: PathRequest,
  req: RequestLike,
  res: ResponseLike,
  url: URL,
): Promise<void> {
  const path = info.path.length > 1 ? info.path.replace(/\/+$/, '') : info.path;
  if (info.verb !== 'get') throw methodNotSupported({ group: '', resource: path }, info.verb);
  switch (path) {
    case '/healthz':
    case '/livez':
    case '/readyz':
      await deps.store.currentRevision();
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
      res.end('ok');
      return;
    case '/version':
      return writeJson(res, 200, versionInfo());
    case '/metrics':
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(deps.metrics.render());
      return;
    case '/api':
    case '/apis': {
      const aggregated = wantsAggregated(req.headers.accept);
      if (aggregated !== undefined) {
        res.writeHead(200, { 'content-type': aggregatedContentType(aggregated), 'cache-control': 'no-cache, private' });
        res.end(JSON.stringify(aggregatedDiscovery(deps.catalog, path === '/api', aggregated)));
        return;
      }
      return writeJson(res, 200, path === '/api' ? apiVersions(deps.serverAddress()) : apiGroupList(deps.catalog));
    }
    case '/openapi/v2': {
      const accept = req.headers.accept ?? '';
      const proto = OPENAPI_V2_PROTOBUF.exec(accept);
      if (proto !== null) {
        res.writeHead(200, { 'content-type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(deps.openapi.v2());
      return;
    }
    case '/openapi/v3':
      return writeJson(res, 200, deps.openapi.index());
  }
  if (path.startsWith('/openapi/v3/')) {
    const doc = deps.openapi.groupVersion(path.slice('/openapi/v3/'.length));
    if (doc === undefined) throw pathNotFound();
    const immutable = url.searchParams.get('hash') === doc.hash;
    res.writeHead(200, {
      'content-type': 'application/json',
      etag: `"${doc.hash}"`,
      'cache-control': immutable ? 'public, immutable' : 'no-cache, private',
    });
    res.end(doc.body);
    return;
  }
  const parts = path.split('/').filter((p) => p !== '');
  let body: unknown;
  if (parts[0] === 'api' && parts.length === 2) body = apiResourceList(deps.catalog, '', parts[1]!);
  else if (parts[0] === 'apis' && parts.length === 2) body = apiGroupOf(deps.catalog, parts[1]!);
  else if (parts[0] === 'apis' && parts.length === 3) body = apiResourceList(deps.catalog, parts[1]!, parts[2]!);
  if (body === undefined) throw pathNotFound();
  writeJson(res, 200, body);
}
