/**
 * How the garbage collector names objects: an owner reference's coordinates (apiVersion, kind, name, uid)
 * plus the namespace (upstream objectReference), and the metadata it reads from every object.
 */
import type { KubeObject } from '../../client/kube-object.js';
import type { OwnerReference } from '../framework/owner-references.js';

export type { OwnerReference } from '../framework/owner-references.js';

/** An object's coordinates. `namespace` is '' for cluster-scoped objects. */
export interface ObjectIdentity {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  readonly namespace: string;
}

/** The metadata the garbage collector reads. */
export interface GcMetadata {
  readonly name?: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly resourceVersion?: string;
  readonly deletionTimestamp?: string;
  readonly finalizers?: readonly string[] | null;
  readonly ownerReferences?: readonly OwnerReference[] | null;
}

/** The finalizer that makes the collector delete dependents before their owner (Foreground). */
export const FINALIZER_DELETE_DEPENDENTS = 'foregroundDeletion';
/** The finalizer that makes the collector orphan dependents before their owner goes (Orphan). */
export const FINALIZER_ORPHAN_DEPENDENTS = 'orphan';

/** The metadata of an object (an empty one when it has none). */
export const metadataOf = (obj: KubeObject): GcMetadata => (obj.metadata ?? {}) as GcMetadata;

export const ownersOf = (obj: KubeObject): readonly OwnerReference[] => metadataOf(obj).ownerReferences ?? [];

export const hasFinalizer = (meta: GcMetadata, finalizer: string): boolean =>
  (meta.finalizers ?? []).includes(finalizer);

export const beingDeleted = (meta: GcMetadata): boolean =>
  meta.deletionTimestamp !== undefined && meta.deletionTimestamp !== null;

/** `[apps/v1/ReplicaSet, namespace: ns, name: web, uid: …]`, as upstream prints an objectReference. */
export function identityString(id: ObjectIdentity): string {
  return `[${id.apiVersion}/${id.kind}, namespace: ${id.namespace}, name: ${id.name}, uid: ${id.uid}]`;
}

/** A key equal for equal identities (for maps and the absent owner cache). */
export function identityKey(id: ObjectIdentity): string {
  return `${id.apiVersion}\u0000${id.kind}\u0000${id.namespace}\u0000${id.name}\u0000${id.uid}`;
}

export function sameIdentity(a: ObjectIdentity, b: ObjectIdentity): boolean {
  return (
    a.uid === b.uid &&
    a.name === b.name &&
    a.kind === b.kind &&
    a.apiVersion === b.apiVersion &&
    a.namespace === b.namespace
  );
}

/** The identity an owner reference names, seen from a dependent in `namespace`. */
export function identityOfReference(ref: OwnerReference, namespace: string): ObjectIdentity {
  return { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, uid: ref.uid, namespace };
}

/** Whether `ref` names exactly `id`'s apiVersion, kind, name and uid (the namespace is not compared). */
export function referenceMatchesCoordinates(ref: OwnerReference, id: ObjectIdentity): boolean {
  return ref.uid === id.uid && ref.name === id.name && ref.kind === id.kind && ref.apiVersion === id.apiVersion;
}

/** Whether two references are the same in every field (upstream compares them deeply). */
export function sameReference(a: OwnerReference, b: OwnerReference): boolean {
  return (
    referenceMatchesCoordinates(a, identityOfReference(b, '')) &&
    (a.controller ?? undefined) === (b.controller ?? undefined) &&
    (a.blockOwnerDeletion ?? undefined) === (b.blockOwnerDeletion ?? undefined)
  );
}
