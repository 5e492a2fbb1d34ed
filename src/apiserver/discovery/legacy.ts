/** Unaggregated discovery: /api, /apis, /apis/<group>, and one APIResourceList per group version. */
import type { Catalog } from '../catalog.js';
import type { Resource } from '../registry/generic/resource.js';
import { subresourcesOf, verbsOf } from './resources.js';

const gv = (group: string, version: string): string => (group === '' ? version : `${group}/${version}`);

export function apiVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(group: string, versions: readonly string[]): Record<string, unknown> {
  const list = versions.map((v) => ({ groupVersion: gv(group, v), version: v }));
  return { name: group, versions: list, preferredVersion: list[0] };
}

export function apiGroupList(catalog: Catalog): Record<string, unknown> {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: catalog.groups.filter((g) => g.group !== '').map((g) => apiGroup(g.group, g.versions)),
  };
}

export function apiGroupOf(catalog: Catalog, group: string): Record<string, unknown> | undefined {
  const entry = catalog.groups.find((g) => g.group === group && group !== '');
  return entry && { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group, entry.versions) };
}

export function apiResourceList(catalog: Catalog, group: string, version: string): Record<string, unknown> | undefined {
  const resources = catalog.inGroupVersion(group, version);
  if (resources.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: gv(group, version),
    resources: resources.flatMap(resourceEntries),
  };
}

function resourceEntries(r: Resource): Record<string, unknown>[] {
  const main: Record<string, unknown> = {
    name: r.kind.plural,
    singularName: r.kind.singular,
    namespaced: r.kind.namespaced,
    kind: r.kind.kind,
    verbs: [...verbsOf(r)],
  };
  if (r.kind.shortNames) main.shortNames = [...r.kind.shortNames];
  if (r.kind.categories) main.categories = [...r.kind.categories];
  const subs = subresourcesOf(r).map((s) => {
    const entry: Record<string, unknown> = {
      name: `${r.kind.plural}/${s.name}`,
      singularName: '',
      namespaced: r.kind.namespaced,
      kind: s.kind,
      verbs: [...s.verbs],
    };
    if (s.group !== r.kind.group || s.version !== r.kind.version) {
      entry.group = s.group;
      entry.version = s.version;
    }
    return entry;
  });
  return [main, ...subs];
}
