/** Where each object lives in the store: `/registry/<group>/<resource>/<namespace>/<name>`. */

export interface ResourceKeys {
  /** The prefix of every object of the resource (all namespaces). */
  readonly root: string;
  /** The prefix of one namespace's objects (the root for cluster-scoped resources). */
  namespacePrefix(namespace: string | undefined): string;
  key(namespace: string | undefined, name: string): string;
}

export function resourceKeys(group: string, plural: string, namespaced: boolean): ResourceKeys {
  const root = `/registry/${group === '' ? 'core' : group}/${plural}/`;
  return {
    root,
    namespacePrefix: (namespace) => (namespaced && namespace ? `${root}${namespace}/` : root),
    key: (namespace, name) => (namespaced ? `${root}${namespace ?? ''}/${name}` : `${root}${name}`),
  };
}
