/**
 * Which resource an ownerReference's apiVersion and kind name (upstream RESTMapper over discovery): the
 * collector reads owners by reference, and needs their resource and scope.
 */
import type { ResourceDescriptor } from '../../client/rest/resource-path.js';
import type { ApiResource, Discovery } from '../namespace/api-discovery.js';

/** No served resource has this apiVersion and kind (yet: it may be a custom resource not discovered). */
export class RestMappingError extends Error {
  constructor(apiVersion: string, kind: string) {
    super(`unable to get REST mapping for ${apiVersion}/${kind}`);
    this.name = 'RestMappingError';
  }
}

export const apiVersionOf = (r: { group: string; version: string }): string =>
  r.group === '' ? r.version : `${r.group}/${r.version}`;

export const descriptorOf = (r: ApiResource): ResourceDescriptor => ({
  group: r.group,
  version: r.version,
  resource: r.resource,
  namespaced: r.namespaced,
});

export class RestMapper {
  private byKind = new Map<string, ApiResource>();

  /** Replaces what the mapper knows with `discovery` (every version of every group). */
  reset(discovery: Discovery): void {
    const next = new Map<string, ApiResource>();
    for (const r of discovery.all) {
      const key = `${apiVersionOf(r)}\u0000${r.kind}`;
      // The first resource of a kind wins (a kind served by two resources is rare; upstream prefers the first).
      if (!next.has(key)) next.set(key, r);
    }
    this.byKind = next;
  }

  /** The resource of `apiVersion`/`kind`. @throws RestMappingError when none is known. */
  resourceFor(apiVersion: string, kind: string): ApiResource {
    const found = this.byKind.get(`${apiVersion}\u0000${kind}`);
    if (found === undefined) throw new RestMappingError(apiVersion, kind);
    return found;
  }
}
