/** What the request pipeline is built from. */
import type { Store } from '../storage/store.js';
import type { AuthenticationRequest, Authenticator } from './authn/index.js';
import type { Authorizer } from './authz/authorizer.js';
import type { Catalog } from './catalog.js';
import type { RequestLike } from './endpoints/http-types.js';
import type { Metrics } from './metrics.js';
import type { OpenApiDocuments } from './openapi/documents.js';
import type { Registry } from './registry/generic/registry.js';

export interface RouterDeps {
  readonly catalog: Catalog;
  readonly registries: ReadonlyMap<string, Registry>;
  readonly store: Store;
  readonly authenticator: Authenticator;
  readonly authorizer: Authorizer;
  readonly openapi: OpenApiDocuments;
  readonly metrics: Metrics;
  readonly serverAddress: () => string;
  readonly now: () => Date;
  readonly authenticationRequest: (req: RequestLike) => AuthenticationRequest;
}
