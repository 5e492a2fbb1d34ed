/**
 * What a request path and method ask for (upstream's RequestInfo): a resource request
 * (`/api/v1/namespaces/ns/pods/name/status`, `/apis/apps/v1/deployments`) with its verb, or a non-resource
 * path (`/version`, `/openapi/v3`).
 */
export interface ResourceRequest {
  readonly kind: 'resource';
  /** `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`. */
  readonly verb: string;
  readonly group: string;
  readonly version: string;
  readonly namespace: string | undefined;
  readonly resource: string;
  readonly name: string | undefined;
  readonly subresource: string | undefined;
}

export interface PathRequest {
  readonly kind: 'path';
  readonly verb: string;
  readonly path: string;
}

export type RequestInfo = ResourceRequest | PathRequest;

const METHOD_VERBS: Record<string, string> = {
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
  GET: 'get',
  HEAD: 'get',
};

/** Parses a request; paths that are not resource paths (discovery too) are `PathRequest`s. */
export function requestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const verb = METHOD_VERBS[method] ?? method.toLowerCase();
  const parts = path
    .split('/')
    .filter((p) => p !== '')
    .map(decodeURIComponent);
  let rest: string[];
  let group = '';
  let version: string;
  if (parts[0] === 'api' && parts.length >= 3) {
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else {
    return { kind: 'path', verb, path };
  }
  let watchPath = false;
  if (rest[0] === 'watch') {
    watchPath = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  // /api/v1/namespaces/NAME[/status|/finalize] is the namespace object itself; longer paths are inside it.
  if (rest[0] === 'namespaces' && rest.length >= 3 && rest[2] !== 'status' && rest[2] !== 'finalize') {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource] = rest;
  if (resource === undefined || rest.length > 3) return { kind: 'path', verb, path };
  let finalVerb = verb;
  if (watchPath || (verb === 'get' && query.get('watch') !== null && isTrue(query.get('watch')))) finalVerb = 'watch';
  else if (verb === 'get' && name === undefined) finalVerb = 'list';
  else if (verb === 'delete' && name === undefined) finalVerb = 'deletecollection';
  return { kind: 'resource', verb: finalVerb, group, version, namespace, resource, name, subresource };
}

function isTrue(v: string | null): boolean {
  return v === '' || v === '1' || v === 'true' || v === 'True';
}
