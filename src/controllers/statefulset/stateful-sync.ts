/**
 * One sync of one StatefulSet (upstream StatefulSetController.sync): adopt its orphaned revisions, claim its
 * pods (adopting orphans whose labels and name make them its own, releasing the ones it no longer selects),
 * reconcile, and look again when pods turn available with no event to say so.
 */
import type { StatefulSet } from '../../api/apps/v1/stateful-set.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import { type LabelSelector, labelSelectorFromObject, type LabelSelectorObject } from '../../machinery/labels/index.js';
import { controllerOf, controllerRef } from '../framework/owner-references.js';
import type { ObjectName, ReconcileResult } from '../framework/reconcile-loop.js';
import { adoptWithPatch, claimObjects, recheckOnce, releaseWithPatch } from '../replicaset/controller-ref-manager.js';
import { controlledBy, orphansIn } from '../replicaset/owner-index.js';
import { isMemberOf } from './stateful-identity.js';
import { type StatefulSetControlDeps, updateStatefulSet } from './stateful-set-control.js';
import { minReadySecondsOf, replicasOf, STATEFUL_SET_API_VERSION, STATEFUL_SET_KIND } from './stateful-set-spec.js';

export interface StatefulSetSyncParts {
  readonly sets: SharedInformer<StatefulSet>;
  /** The pods' informer, indexed by controller UID. */
  readonly pods: SharedInformer<Pod>;
  readonly setClient: ResourceClient<StatefulSet>;
  readonly podClient: ResourceClient<Pod>;
  readonly control: StatefulSetControlDeps;
}

/** An uncached read proving the set still exists as this very object and is not being deleted. */
function canAdopt(parts: StatefulSetSyncParts, set: StatefulSet): () => Promise<void> {
  const namespace = set.metadata?.namespace ?? '';
  const name = set.metadata?.name ?? '';
  return recheckOnce(async () => {
    const fresh = await parts.setClient.get(namespace, name);
    if (fresh.metadata?.uid !== set.metadata?.uid) {
      throw new Error(
        `original StatefulSet ${namespace}/${name} is gone: got uid ${fresh.metadata?.uid ?? ''}, wanted ${set.metadata?.uid ?? ''}`,
      );
    }
    if (fresh.metadata?.deletionTimestamp) {
      throw new Error(`${namespace}/${name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
    }
  });
}

/** Adopts the revisions the selector matches that nobody controls (upstream adoptOrphanRevisions). */
async function adoptOrphanRevisions(
  parts: StatefulSetSyncParts,
  set: StatefulSet,
  selector: LabelSelector,
  check: () => Promise<void>,
): Promise<void> {
  const owner = { namespace: set.metadata?.namespace ?? '', uid: set.metadata?.uid ?? '' };
  const orphans = parts.control.history.list(owner, selector).filter((r) => controllerOf(r) === undefined);
  if (orphans.length === 0) return;
  try {
    await check();
  } catch (err) {
    throw new Error(`can't adopt ControllerRevisions: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  const ref = controllerRef(set, STATEFUL_SET_API_VERSION, STATEFUL_SET_KIND);
  for (const revision of orphans) await parts.control.history.adopt(revision, ref);
}

/** The set's pods after adoption and release (cached objects: not to be mutated). */
async function claimPods(
  parts: StatefulSetSyncParts,
  set: StatefulSet,
  selector: LabelSelector,
  check: () => Promise<void>,
): Promise<Pod[]> {
  const namespace = set.metadata?.namespace ?? '';
  const uid = set.metadata?.uid ?? '';
  const ref = controllerRef(set, STATEFUL_SET_API_VERSION, STATEFUL_SET_KIND);
  const candidates = [...controlledBy(parts.pods, uid), ...orphansIn(parts.pods, namespace)];
  const claim = await claimObjects({ uid, namespace, deleting: Boolean(set.metadata?.deletionTimestamp) }, candidates, {
    match: (pod) => selector.matches(pod.metadata?.labels ?? {}) && isMemberOf(set, pod),
    adopt: async (pod) => {
      await check();
      await adoptWithPatch(parts.podClient, pod, ref);
    },
    release: (pod) => releaseWithPatch(parts.podClient, pod, uid),
  });
  if (claim.error !== undefined) throw claim.error;
  return claim.claimed;
}

/** Reconciles the StatefulSet `key`. @throws what failed, so that the key is retried with backoff. */
export async function syncStatefulSet(parts: StatefulSetSyncParts, key: ObjectName): Promise<ReconcileResult> {
  const set = parts.sets.indexer.getByKey(`${key.namespace}/${key.name}`);
  if (set === undefined) return {};
  const parsed = labelSelectorFromObject(set.spec?.selector as LabelSelectorObject | undefined);
  // An invalid selector is not transient: nothing to retry until the set changes.
  if (!parsed.ok) return {};
  const check = canAdopt(parts, set);
  await adoptOrphanRevisions(parts, set, parsed.selector, check);
  const pods = await claimPods(parts, set, parsed.selector, check);
  const status = await updateStatefulSet(parts.control, set, parsed.selector, pods);
  const minReady = minReadySecondsOf(set);
  // Pods turn available minReadySeconds after turning ready, with no event to say so.
  if (minReady > 0 && status !== undefined && (status.availableReplicas ?? 0) !== replicasOf(set)) {
    return { requeueAfterMs: minReady * 1000 };
  }
  return {};
}
