/**
 * The informer transform the scheduler and the controller manager cache objects through, as upstream's do:
 * `metadata.managedFields` goes. Neither reads field ownership, and on a pod it is a large part of the
 * object; kept, every cached version of every object holds it for as long as the version is cached.
 */
import type { KubeObject } from '../kube-object.js';

/**
 * `obj` without `metadata.managedFields`: the same object, whose metadata is replaced by a copy without them
 * (a copy rather than `delete`, which would leave the metadata a slower dictionary-mode object). An object
 * without managedFields is returned untouched.
 */
export function stripManagedFields<T extends KubeObject>(obj: T): T {
  const metadata = obj.metadata as (Record<string, unknown> & { managedFields?: unknown }) | undefined;
  if (metadata === undefined || metadata === null || !('managedFields' in metadata)) return obj;
  const { managedFields: _dropped, ...rest } = metadata;
  (obj as { metadata?: unknown }).metadata = rest;
  return obj;
}
