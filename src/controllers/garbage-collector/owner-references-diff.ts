/**
 * Comparing owner references (upstream graph_builder helpers): what changed between two versions of an
 * object's references, which dependents name an owner by exactly its coordinates, and which other identity
 * dependents use for an owner UID found absent.
 */
import type { GraphNode } from './graph-node.js';
import {
  identityKey,
  identityOfReference,
  type ObjectIdentity,
  type OwnerReference,
  referenceMatchesCoordinates,
  sameReference,
} from './object-identity.js';

export interface ReferenceChange {
  readonly oldRef: OwnerReference;
  readonly newRef: OwnerReference;
}

/** Which references were added, removed, or changed (same UID, other fields), by UID. */
export function referencesDiffs(
  old: readonly OwnerReference[],
  next: readonly OwnerReference[],
): { added: OwnerReference[]; removed: OwnerReference[]; changed: ReferenceChange[] } {
  const byUid = new Map(old.map((r) => [r.uid, r]));
  const added: OwnerReference[] = [];
  const changed: ReferenceChange[] = [];
  for (const ref of next) {
    const before = byUid.get(ref.uid);
    if (before === undefined) {
      added.push(ref);
      continue;
    }
    if (!sameReference(before, ref)) changed.push({ oldRef: before, newRef: ref });
    byUid.delete(ref.uid);
  }
  return { added, removed: [...byUid.values()], changed };
}

/**
 * Splits dependents into those whose reference to `owner.uid` matches all its coordinates, and those with a
 * reference to the UID that does not (a dependent can be in both).
 */
export function partitionDependents(
  dependents: readonly GraphNode[],
  owner: ObjectIdentity,
): { matching: GraphNode[]; nonmatching: GraphNode[] } {
  const matching: GraphNode[] = [];
  const nonmatching: GraphNode[] = [];
  const ownerNamespaced = owner.namespace !== '';
  for (const dep of dependents) {
    let match = false;
    let mismatch = false;
    if (ownerNamespaced && owner.namespace !== dep.identity.namespace) {
      mismatch = true;
    } else {
      for (const ref of dep.owners) {
        if (ref.uid !== owner.uid) continue;
        if (referenceMatchesCoordinates(ref, owner)) match = true;
        else mismatch = true;
      }
    }
    if (match) matching.push(dep);
    if (mismatch) nonmatching.push(dep);
  }
  return { matching, nonmatching };
}

/** Ordering of identities: kind, apiVersion, namespace, name, uid. */
function referenceLessThan(a: ObjectIdentity, b: ObjectIdentity): boolean {
  for (const field of ['kind', 'apiVersion', 'namespace', 'name', 'uid'] as const) {
    if (a[field] !== b[field]) return a[field] < b[field];
  }
  return false;
}

/**
 * Another identity the dependents use for the absent owner's UID: the first after `absent` in
 * referenceLessThan order, else the first overall; undefined when there is none.
 */
export function alternateOwnerIdentity(
  dependents: readonly GraphNode[],
  absent: ObjectIdentity,
): ObjectIdentity | undefined {
  const absentClusterScoped = absent.namespace === '';
  const seen = new Set<string>([identityKey(absent)]);
  let first: ObjectIdentity | undefined;
  let firstFollowing: ObjectIdentity | undefined;
  for (const dep of dependents) {
    for (const ref of dep.owners) {
      if (ref.uid !== absent.uid) continue;
      if (
        referenceMatchesCoordinates(ref, absent) &&
        (absentClusterScoped || absent.namespace === dep.identity.namespace)
      ) {
        continue;
      }
      let candidate = identityOfReference(ref, dep.identity.namespace);
      if (absentClusterScoped && candidate.apiVersion === absent.apiVersion && candidate.kind === absent.kind) {
        candidate = { ...candidate, namespace: '' };
      }
      if (seen.has(identityKey(candidate))) continue;
      seen.add(identityKey(candidate));
      if (first === undefined || referenceLessThan(candidate, first)) first = candidate;
      if (
        referenceLessThan(absent, candidate) &&
        (firstFollowing === undefined || referenceLessThan(candidate, firstFollowing))
      ) {
        firstFollowing = candidate;
      }
    }
  }
  return firstFollowing ?? first;
}
