/**
 * How caches name objects: `namespace/name`, or `name` alone for cluster-scoped objects (client-go's
 * MetaNamespaceKeyFunc), and the tombstone a cache hands out when it missed an object's deletion.
 */
import type { KubeObject } from '../kube-object.js';

/**
 * An object that was deleted while the watch was down: the relist no longer had it. `obj` is the last state
 * the cache knew, which may be stale. Delete handlers receive this instead of the object.
 */
export class DeletedFinalStateUnknown<T> {
  constructor(
    readonly key: string,
    readonly obj: T,
  ) {}
}

/** The cache key of `obj`. @throws TypeError when it has no name. */
export function objectKey(obj: KubeObject): string {
  const name = obj.metadata?.name;
  if (!name) throw new TypeError('object has no metadata.name');
  const namespace = obj.metadata?.namespace;
  return namespace ? `${namespace}/${name}` : name;
}

/** The key of an object or of a tombstone (whose key is kept as it was). */
export function deletionHandlingKey<T extends KubeObject>(obj: T | DeletedFinalStateUnknown<T>): string {
  return obj instanceof DeletedFinalStateUnknown ? obj.key : objectKey(obj);
}

/** Splits a key into namespace ('' for cluster-scoped) and name. @throws TypeError for a malformed key. */
export function splitObjectKey(key: string): { namespace: string; name: string } {
  const parts = key.split('/');
  if (parts.length === 1 && parts[0]) return { namespace: '', name: parts[0] };
  if (parts.length === 2 && parts[0] && parts[1]) return { namespace: parts[0], name: parts[1] };
  throw new TypeError(`unexpected key format: ${JSON.stringify(key)}`);
}
