/**
 * Aggregated discovery (apidiscovery.k8s.io v2 and v2beta1): every group, version and resource in one
 * document per root (/api for the core group, /apis for the rest). kubectl picks it by Content-Type.
 */
import type { Catalog } from '../catalog.js';
import { parseAccept } from '../request/negotiate.js';
import { subresourcesOf, verbsOf } from './resources.js';

export type DiscoveryVersion = 'v2' | 'v2beta1';

/** The aggregated discovery version an Accept header asks for first, if any. */
export function wantsAggregated(accept: string | undefined): DiscoveryVersion | undefined {
  for (const range of parseAccept(accept)) {
    if (range.type !== 'application/json') continue;
    const { g, v, as } = range.params;
    if (g === 'apidiscovery.k8s.io' && as === 'APIGroupDiscoveryList' && (v === 'v2' || v === 'v2beta1')) return v;
    if (g === undefined && as === undefined) return undefined;
  }
  return undefined;
}

export const aggregatedContentType = (v: DiscoveryVersion): string =>
  `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`;

/** The discovery document of the core group (`legacy`) or of all other groups. */
export function aggregatedDiscovery(
  catalog: Catalog,
  legacy: boolean,
  version: DiscoveryVersion,
): Record<string, unknown> {
  const groups = catalog.groups.filter((g) => (g.group === '') === legacy);
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: groups.map((g) => ({
      metadata: { name: g.group, creationTimestamp: null },
      versions: g.versions.map((v) => ({
        version: v,
        freshness: 'Current',
        resources: catalog.inGroupVersion(g.group, v).map((r) => {
          const entry: Record<string, unknown> = {
            resource: r.kind.plural,
            responseKind: { group: r.kind.group, version: r.kind.version, kind: r.kind.kind },
            scope: r.kind.namespaced ? 'Namespaced' : 'Cluster',
            singularResource: r.kind.singular,
            verbs: [...verbsOf(r)],
          };
          if (r.kind.shortNames) entry.shortNames = [...r.kind.shortNames];
          if (r.kind.categories) entry.categories = [...r.kind.categories];
          const subs = subresourcesOf(r);
          if (subs.length > 0) {
            entry.subresources = subs.map((s) => ({
              subresource: s.name,
              responseKind: { group: s.group, version: s.version, kind: s.kind },
              verbs: [...s.verbs],
            }));
          }
          return entry;
        }),
      })),
    })),
  };
}
