/**
 * The informer index the workload controllers here read instead of scanning a namespace: objects by the UID
 * of their controller, and objects without a controller ("orphans") by namespace. A reconcile then touches
 * its own objects and its namespace's orphans only, so 10,000 pods cost nothing to an owner of three.
 */
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import type { KubeObject } from '../../client/kube-object.js';
import { controllerOf } from '../framework/owner-references.js';

/** The index name; unique to this module so that other controllers' indexes cannot clash with it. */
export const CONTROLLER_UID_INDEX = 'workloads.skiff.dev/controller-uid-or-orphan-namespace';

/** UIDs never contain ':', so an orphan value cannot be mistaken for a controller UID. */
const ORPHAN_PREFIX = 'orphan:';

/** The index values of `obj`: its controller's UID, or `orphan:<namespace>` when it has none. */
export function controllerIndexValues(obj: KubeObject): string[] {
  const uid = controllerOf(obj)?.uid;
  return uid ? [uid] : [`${ORPHAN_PREFIX}${obj.metadata?.namespace ?? ''}`];
}

/**
 * Adds the index to `informer` unless it is there already (several controllers share one informer: the
 * ReplicaSet, ReplicationController and Deployment controllers all index pods or ReplicaSets this way).
 */
export function ensureControllerIndex<T extends KubeObject>(informer: SharedInformer<T>): void {
  try {
    informer.indexer.listIndexFuncValues(CONTROLLER_UID_INDEX);
  } catch {
    informer.addIndexers({ [CONTROLLER_UID_INDEX]: controllerIndexValues });
  }
}

/** The cached objects whose controller has `uid` (shared: do not mutate them). */
export function controlledBy<T extends KubeObject>(informer: SharedInformer<T>, uid: string): T[] {
  return informer.indexer.byIndex(CONTROLLER_UID_INDEX, uid);
}

/** The cached objects of `namespace` that have no controller (shared: do not mutate them). */
export function orphansIn<T extends KubeObject>(informer: SharedInformer<T>, namespace: string): T[] {
  return informer.indexer.byIndex(CONTROLLER_UID_INDEX, `${ORPHAN_PREFIX}${namespace}`);
}
