/**
 * Claiming (upstream BaseControllerRefManager.ClaimObject): an owner adopts the orphans its selector matches
 * and releases the objects it controls that its selector no longer matches, both by patching the object's
 * ownerReferences; objects controlled by someone else are left alone. Shared by the ReplicaSet controller
 * (claiming pods) and the Deployment controller (claiming ReplicaSets).
 */
import type { KubeObject } from '../../client/kube-object.js';
import { isInvalid, isNotFound } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import { controllerOf, type OwnerReference } from '../framework/owner-references.js';

/** The owner doing the claiming. */
export interface ClaimingOwner {
  readonly uid: string;
  readonly namespace: string;
  /** Being deleted: claims nothing new, releases nothing. */
  readonly deleting: boolean;
}

export interface ClaimActions<O> {
  /** Whether the owner's selector selects `obj`. */
  match(obj: O): boolean;
  /** Makes the owner the controller of `obj`. @throws on failure (NotFound is tolerated by the caller). */
  adopt(obj: O): Promise<void>;
  /** Removes the owner's reference from `obj`. @throws on failure (NotFound is tolerated by the caller). */
  release(obj: O): Promise<void>;
}

export interface ClaimResult<O> {
  /** The objects the owner controls and selects, after adoption. */
  readonly claimed: O[];
  /** The first adoption or release failure (others are likely the same); the caller should retry. */
  readonly error?: unknown;
}

const deleting = (obj: KubeObject): boolean =>
  Boolean((obj as { metadata?: { deletionTimestamp?: string | null } }).metadata?.deletionTimestamp);

/**
 * Sorts `objects` into the claimed ones, adopting and releasing on the way. `objects` are cached: they are
 * not mutated.
 */
export async function claimObjects<O extends KubeObject>(
  owner: ClaimingOwner,
  objects: readonly O[],
  actions: ClaimActions<O>,
): Promise<ClaimResult<O>> {
  const claimed: O[] = [];
  let error: unknown;
  for (const obj of objects) {
    const ref = controllerOf(obj);
    try {
      if (ref !== undefined) {
        if (ref.uid !== owner.uid) continue;
        if (actions.match(obj)) claimed.push(obj);
        else if (!owner.deleting) await actions.release(obj);
        continue;
      }
      if (owner.deleting || !actions.match(obj) || deleting(obj)) continue;
      if (owner.namespace !== '' && owner.namespace !== (obj.metadata?.namespace ?? '')) continue;
      await actions.adopt(obj);
      claimed.push(obj);
    } catch (err) {
      if (isNotFound(err)) continue;
      error ??= err;
    }
  }
  return error === undefined ? { claimed } : { claimed, error };
}

/** The strategic merge patch that makes `ref` the controller of the object with `uid` (upstream's shape). */
export function adoptionPatch(ref: OwnerReference, uid: string): unknown {
  return { metadata: { ownerReferences: [ref], uid } };
}

/** The strategic merge patch that removes the reference to `ownerUid` from the object with `uid`. */
export function releasePatch(ownerUid: string, uid: string): unknown {
  return { metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerUid }], uid } };
}

/** Patches `obj` to be controlled through `ref`. */
export async function adoptWithPatch<O extends KubeObject>(
  client: ResourceClient<O>,
  obj: O,
  ref: OwnerReference,
): Promise<void> {
  await client.patch(
    obj.metadata?.namespace ?? '',
    obj.metadata?.name ?? '',
    'strategic',
    adoptionPatch(ref, obj.metadata?.uid ?? ''),
  );
}

/**
 * Patches the reference to `ownerUid` away from `obj`. An Invalid answer (the object was recreated with
 * another UID, or lost the reference meanwhile) counts as released, as upstream.
 */
export async function releaseWithPatch<O extends KubeObject>(
  client: ResourceClient<O>,
  obj: O,
  ownerUid: string,
): Promise<void> {
  try {
    await client.patch(
      obj.metadata?.namespace ?? '',
      obj.metadata?.name ?? '',
      'strategic',
      releasePatch(ownerUid, obj.metadata?.uid ?? ''),
    );
  } catch (err) {
    if (!isInvalid(err)) throw err;
  }
}

/**
 * A check run once, before the first adoption of a reconcile (upstream RecheckDeletionTimestamp): re-reads
 * the owner uncached, so that an owner being deleted (or replaced by a namesake) adopts nothing.
 */
export function recheckOnce(check: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => (result ??= check());
}
