/** Reads an API path (`/api/v1/namespaces/ns/pods/name/status`, `/apis/g/v/...`) into its parts. */

export interface ApiRoute {
  /** The group's prefix and the resource, e.g. `/api/v1/pods`: the key of the object collection. */
  readonly collection: string;
  readonly group: string;
  readonly resource: string;
  /** '' for cluster-scoped resources and for lists across namespaces. */
  readonly namespace: string;
  readonly name?: string;
  readonly subresource?: string;
}

export function parseRoute(path: string): ApiRoute | undefined {
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent);
  let group: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 3) {
    group = '';
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 4) {
    group = segments[1] ?? '';
    rest = segments.slice(3);
  } else {
    return undefined;
  }
  const prefix = `/${segments.slice(0, group === '' ? 2 : 3).join('/')}`;
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1] ?? '';
    rest = rest.slice(2);
  }
  const [resource, name, subresource] = rest;
  if (resource === undefined || rest.length > 3) return undefined;
  const route: ApiRoute = { collection: `${prefix}/${resource}`, group, resource, namespace };
  if (name === undefined) return route;
  return subresource === undefined ? { ...route, name } : { ...route, name, subresource };
}
