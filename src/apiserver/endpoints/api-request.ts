/** One API request, as the handlers see it once routing, authentication and authorization are done. */
import type { Registry } from '../registry/generic/registry.js';
import type { Resource } from '../registry/generic/resource.js';
import type { UserInfo } from '../registry/strategy.js';
import type { ResourceRequest } from '../request/request-info.js';
import type { Representation } from '../request/negotiate.js';
import type { Store } from '../../storage/store.js';
import type { RequestLike, ResponseLike } from './http-types.js';

export interface ApiRequest {
  readonly req: RequestLike;
  readonly res: ResponseLike;
  readonly query: URLSearchParams;
  readonly info: ResourceRequest;
  readonly resource: Resource;
  readonly registry: Registry;
  readonly store: Store;
  readonly user: UserInfo;
  readonly representation: Representation;
  /** Warnings for the response's Warning headers. */
  readonly warnings: string[];
  readonly now: () => Date;
  /** Ends with the client's connection. */
  readonly signal: AbortSignal;
}

/** The namespace a request works in (undefined for cluster-scoped resources and all-namespace lists). */
export const namespaceOf = (r: ApiRequest): string | undefined =>
  r.resource.kind.namespaced ? r.info.namespace : undefined;

/** Whether the request asks for a dry run (`dryRun=All`). */
export function isDryRun(query: URLSearchParams): boolean {
  return query.getAll('dryRun').includes('All');
}

/** The field manager of a write: the fieldManager parameter, else the User-Agent's product (upstream's rule). */
export function managerOf(r: ApiRequest): string {
  const given = r.query.get('fieldManager');
  if (given) return given;
  const agent = String(r.req.headers['user-agent'] ?? '');
  return agent.split('/')[0]!.slice(0, 128);
}
