/** The REST paths of a resource: `/api/v1/…` for the core group, `/apis/<group>/<version>/…` otherwise. */

/** Which resource a ResourceClient serves. */
export interface ResourceDescriptor {
  /** The API group; empty for the core group. */
  readonly group: string;
  readonly version: string;
  /** The plural resource name, e.g. `pods`. */
  readonly resource: string;
  /** Whether objects live in namespaces. */
  readonly namespaced: boolean;
}

/**
 * The path of the collection (no `name`), of one object, or of one of its subresources. `namespace` is ignored
 * for cluster-scoped resources; an empty namespace on a namespaced resource means all namespaces (lists and
 * watches only).
 */
export function resourcePath(d: ResourceDescriptor, namespace: string, name?: string, subresource?: string): string {
  const parts = [d.group === '' ? `/api/${d.version}` : `/apis/${d.group}/${d.version}`];
  if (d.namespaced && namespace !== '') parts.push('namespaces', encodeURIComponent(namespace));
  parts.push(d.resource);
  if (name !== undefined) {
    if (name === '') throw new TypeError(`resource name may not be empty (${d.resource})`);
    parts.push(encodeURIComponent(name));
    if (subresource !== undefined) parts.push(subresource);
  }
  return parts.join('/').replace(/^\/\//, '/');
}
