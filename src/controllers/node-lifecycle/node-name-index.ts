/**
 * Pods by the node they are bound to (upstream's `spec.nodeName` pod index): node lifecycle, taint eviction and
 * pod GC look at the pods of one node at a time, and must not scan every pod of the cluster to do so.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';

/** The index name (upstream's), shared by every controller here that indexes pods by node. */
export const POD_NODE_NAME_INDEX = 'spec.nodeName';

/** The index values of `pod`: its node's name, none while it is unscheduled. */
export function podNodeNameIndexValues(pod: Pod): string[] {
  const nodeName = pod.spec?.nodeName;
  return nodeName ? [nodeName] : [];
}

/** Adds the index to the pod informer unless another controller added it already. */
export function ensureNodeNameIndex(pods: SharedInformer<Pod>): void {
  try {
    pods.indexer.listIndexFuncValues(POD_NODE_NAME_INDEX);
  } catch {
    pods.addIndexers({ [POD_NODE_NAME_INDEX]: podNodeNameIndexValues });
  }
}

/** The cached pods bound to `nodeName` (shared: do not mutate them). */
export function podsOnNode(pods: SharedInformer<Pod>, nodeName: string): Pod[] {
  return pods.indexer.byIndex(POD_NODE_NAME_INDEX, nodeName);
}
