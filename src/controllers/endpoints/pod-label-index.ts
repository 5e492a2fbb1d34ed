/**
 * An informer index of pods by namespace and label (`<namespace>/<key>=<value>`, one value per label), so that
 * the pods a selector picks are found among the pods carrying one of its required labels instead of among
 * every pod of the namespace. Shared by the endpoint controllers and the disruption controller.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import { NAMESPACE_INDEX } from '../../client/informers/indexer.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import type { LabelSelector } from '../../machinery/labels/index.js';

/** The index name; unique to this module. */
export const POD_LABEL_INDEX = 'endpoints.skiff.dev/namespace-label';

const indexValue = (namespace: string, key: string, value: string): string => `${namespace}/${key}=${value}`;

/** The index values of `pod`: one per label. */
export function podLabelIndexValues(pod: Pod): string[] {
  const namespace = pod.metadata?.namespace ?? '';
  return Object.entries(pod.metadata?.labels ?? {}).map(([k, v]) => indexValue(namespace, k, v));
}

/** Adds the index to the pod informer unless another controller sharing it already did. */
export function ensurePodLabelIndex(informer: SharedInformer<Pod>): void {
  try {
    informer.indexer.listIndexFuncValues(POD_LABEL_INDEX);
  } catch {
    informer.addIndexers({ [POD_LABEL_INDEX]: podLabelIndexValues });
  }
}

/**
 * The cached pods of `namespace` that `selector` matches (shared objects: do not mutate them). Looks among the
 * pods of the rarest label the selector requires exactly; without such a label, among the whole namespace.
 */
export function selectPods(informer: SharedInformer<Pod>, namespace: string, selector: LabelSelector): Pod[] {
  if (selector.matchesNothing) return [];
  const indexer = informer.indexer;
  let best: string | undefined;
  let bestSize = Infinity;
  for (const requirement of selector.requirements) {
    const value = selector.requiresExactMatch(requirement.key);
    if (value === undefined) continue;
    const candidate = indexValue(namespace, requirement.key, value);
    const size = indexer.indexKeys(POD_LABEL_INDEX, candidate).length;
    if (size < bestSize) [best, bestSize] = [candidate, size];
  }
  const candidates =
    best === undefined ? indexer.byIndex(NAMESPACE_INDEX, namespace) : indexer.byIndex(POD_LABEL_INDEX, best);
  return candidates.filter((pod) => selector.matches(pod.metadata?.labels));
}
