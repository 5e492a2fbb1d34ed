/** The fields of metav1.ObjectMeta that metadata validation reads (structural, so any ObjectMeta type fits). */
import type { OwnerReferenceLike } from './owner-references.js';

/** The fields of a metav1.ManagedFieldsEntry that validation reads. */
export interface ManagedFieldsEntryLike {
  readonly manager?: string | null;
  readonly operation?: string | null;
  readonly fieldsType?: string | null;
  readonly subresource?: string | null;
}

export interface ObjectMetaLike {
  readonly name?: string | null;
  readonly generateName?: string | null;
  readonly namespace?: string | null;
  readonly uid?: string | null;
  readonly resourceVersion?: string | null;
  readonly generation?: number | null;
  /** RFC 3339, as served. */
  readonly creationTimestamp?: string | null;
  readonly deletionTimestamp?: string | null;
  readonly deletionGracePeriodSeconds?: number | null;
  readonly labels?: Readonly<Record<string, string>> | null;
  readonly annotations?: Readonly<Record<string, string>> | null;
  readonly ownerReferences?: readonly OwnerReferenceLike[] | null;
  readonly finalizers?: readonly string[] | null;
  readonly managedFields?: readonly ManagedFieldsEntryLike[] | null;
}
