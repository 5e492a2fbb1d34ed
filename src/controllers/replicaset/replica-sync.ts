/**
 * One sync of one ReplicaSet (or ReplicationController), upstream syncReplicaSet: claim its pods, create or
 * delete pods when no earlier write is still in flight, then write the status the pods show.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import type { Clock } from '../../client/clock/clock.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import type { KubeObject } from '../../client/kube-object.js';
import { isConflict, isNotFound } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import { controllerOf, controllerRef } from '../framework/owner-references.js';
import { isPodActive } from '../framework/pod-conditions.js';
import type { ObjectName, ReconcileResult } from '../framework/reconcile-loop.js';
import {
  adoptWithPatch,
  type ClaimActions,
  claimObjects,
  recheckOnce,
  releaseWithPatch,
} from './controller-ref-manager.js';
import { manageReplicas, type PodControl } from './manage-replicas.js';
import { controlledBy, orphansIn } from './owner-index.js';
import type { OwnWrites } from './own-writes.js';
import { calculateReplicaStatus, replicaStatusUnchanged } from './replica-status.js';
import type { ReplicaOwner, ReplicaStatus, ReplicatedKind } from './replicated-kind.js';

/** Everything a sync reads and writes. */
export interface ReplicaSyncParts<T extends KubeObject> {
  readonly kind: ReplicatedKind<T>;
  /** The owners' informer (indexed by controller UID). */
  readonly owners: SharedInformer<T>;
  /** The pods' informer (indexed by controller UID). */
  readonly pods: SharedInformer<Pod>;
  readonly ownerClient: ResourceClient<T>;
  readonly control: PodControl;
  readonly clock: Clock;
  /** The owners as this controller's status writes left them, until the owners' cache has caught up. */
  readonly ownWrites: OwnWrites<T>;
}

/** The pods of every owner that shares `obj`'s controller (a Deployment's ReplicaSets), to rank deletions. */
function relatedPods<T extends KubeObject>(parts: ReplicaSyncParts<T>, obj: T): Pod[] {
  const parent = controllerOf(obj)?.uid;
  if (parent === undefined) return [];
  const seen = new Set<string>();
  const out: Pod[] = [];
  for (const sibling of controlledBy(parts.owners, parent)) {
    for (const pod of controlledBy(parts.pods, sibling.metadata?.uid ?? '')) {
      const uid = pod.metadata?.uid ?? '';
      if (seen.has(uid)) continue;
      seen.add(uid);
      out.push(pod);
    }
  }
  return out;
}

function claimActions<T extends KubeObject>(parts: ReplicaSyncParts<T>, owner: ReplicaOwner): ClaimActions<Pod> {
  const selector = owner.selector;
  const ref = controllerRef(owner.object, parts.kind.apiVersion, parts.kind.kind);
  const canAdopt = recheckOnce(async () => {
    const fresh = await parts.ownerClient.get(owner.namespace, owner.name);
    if (fresh.metadata?.uid !== owner.uid) {
      throw new Error(
        `original ${parts.kind.kind} ${owner.namespace}/${owner.name} is gone: got uid ${fresh.metadata?.uid ?? ''}, wanted ${owner.uid}`,
      );
    }
    const deletedAt = (fresh.metadata as { deletionTimestamp?: string } | undefined)?.deletionTimestamp;
    if (deletedAt) throw new Error(`${owner.namespace}/${owner.name} has just been deleted at ${deletedAt}`);
  });
  return {
    match: (pod) => selector?.matches(pod.metadata?.labels) ?? false,
    adopt: async (pod) => {
      await canAdopt();
      await adoptWithPatch(parts.control.pods, pod, ref);
    },
    release: (pod) => releaseWithPatch(parts.control.pods, pod, owner.uid),
  };
}

/**
 * Writes `status` unless nothing changed (retrying once on a fresh read, as upstream). Resolves with the
 * status now in effect, or undefined when the owner is gone or changed again meanwhile (its informer event
 * brings another sync).
 */
async function writeStatus<T extends KubeObject>(
  parts: ReplicaSyncParts<T>,
  obj: T,
  owner: ReplicaOwner,
  status: ReplicaStatus,
): Promise<ReplicaStatus | undefined> {
  if (replicaStatusUnchanged(owner, status)) return owner.status;
  const next: ReplicaStatus = { ...status, ...(owner.generation ? { observedGeneration: owner.generation } : {}) };
  let current = obj;
  for (let attempt = 0; ; attempt++) {
    try {
      const written = await parts.ownerClient.updateStatus(owner.namespace, parts.kind.withStatus(current, next));
      parts.ownWrites.record(`${owner.namespace}/${owner.name}`, current.metadata?.resourceVersion, written);
      return next;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      if (!isConflict(err)) throw err;
      if (attempt >= 1) return undefined;
    }
    try {
      current = await parts.ownerClient.get(owner.namespace, owner.name);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }
}

/**
 * Reconciles the owner `key`. Throws the pod-management failure (after recording it in the status) so that
 * the key is retried with backoff.
 */
export async function syncReplicas<T extends KubeObject>(
  parts: ReplicaSyncParts<T>,
  key: ObjectName,
): Promise<ReconcileResult> {
  const cacheKey = `${key.namespace}/${key.name}`;
  const cached = parts.owners.indexer.getByKey(cacheKey);
  if (cached === undefined) {
    parts.control.expectations.delete(cacheKey);
    parts.ownWrites.forget(cacheKey);
    return {};
  }
  // A status write of ours the cache has not caught up with yet is the newest state of the owner.
  const obj = parts.ownWrites.freshest(cacheKey, cached);
  const owner = parts.kind.toOwner(obj);
  const needsSync = parts.control.expectations.satisfied(cacheKey);
  // An invalid selector selects nothing; upstream reports it and gives up until the object changes.
  if (owner.selector === undefined) return {};

  const candidates = [...controlledBy(parts.pods, owner.uid), ...orphansIn(parts.pods, owner.namespace)].filter(
    isPodActive,
  );
  const claim = await claimObjects(
    { uid: owner.uid, namespace: owner.namespace, deleting: owner.deleting },
    candidates,
    claimActions(parts, owner),
  );
  if (claim.error !== undefined) throw claim.error;
  const pods = claim.claimed;

  let manageError: unknown;
  if (needsSync && !owner.deleting) {
    manageError = await manageReplicas(parts.control, owner, pods, () => relatedPods(parts, obj));
  }
  const now = parts.clock.now();
  const written = await writeStatus(parts, obj, owner, calculateReplicaStatus(owner, pods, manageError, now));
  if (manageError !== undefined) throw manageError;
  // Pods turn available minReadySeconds after turning ready, with no event to say so: look again then.
  if (
    written !== undefined &&
    owner.minReadySeconds > 0 &&
    (written.readyReplicas ?? 0) === owner.replicas &&
    (written.availableReplicas ?? 0) !== owner.replicas
  ) {
    return { requeueAfterMs: owner.minReadySeconds * 1000 };
  }
  return {};
}
