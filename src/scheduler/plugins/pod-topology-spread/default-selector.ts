/**
 * The selector default spread constraints use for a pod (upstream helper.DefaultSelector): the labels of every
 * Service in the pod's namespace whose selector matches the pod, ANDed with the selector of the pod's
 * controlling ReplicationController, ReplicaSet or StatefulSet. Empty when nothing selects the pod, in which case
 * default constraints do not apply.
 */
import type { ReplicaSet } from '../../../api/apps/v1/replica-set.js';
import type { StatefulSet } from '../../../api/apps/v1/stateful-set.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { ReplicationController } from '../../../api/core/v1/replication-controller.js';
import type { Service } from '../../../api/core/v1/service.js';
import type { Lister } from '../../../client/listers/lister.js';
import type { ResourceDescriptor } from '../../../client/rest/resource-path.js';
import {
  LabelSelector,
  type LabelSelectorObject,
  labelSelectorFromObject,
  labelSelectorFromSet,
} from '../../../machinery/labels/index.js';
import type { Handle } from '../../framework/interfaces.js';

export const SERVICES: ResourceDescriptor = { group: '', version: 'v1', resource: 'services', namespaced: true };
export const REPLICATION_CONTROLLERS: ResourceDescriptor = {
  group: '',
  version: 'v1',
  resource: 'replicationcontrollers',
  namespaced: true,
};
export const REPLICA_SETS: ResourceDescriptor = {
  group: 'apps',
  version: 'v1',
  resource: 'replicasets',
  namespaced: true,
};
export const STATEFUL_SETS: ResourceDescriptor = {
  group: 'apps',
  version: 'v1',
  resource: 'statefulsets',
  namespaced: true,
};

/** Cached reads of the objects that may select a pod. */
export interface SelectingObjectListers {
  readonly services: Lister<Service>;
  readonly replicationControllers: Lister<ReplicationController>;
  readonly replicaSets: Lister<ReplicaSet>;
  readonly statefulSets: Lister<StatefulSet>;
}

/**
 * Listers from the handle's informer factory. Call at plugin construction, before the factory starts, so that
 * the informers run. Undefined when the handle has no informer factory (a test handle): the plugin then behaves
 * as if no Service or controller selects any pod.
 */
export function selectingObjectListers(handle: Handle): SelectingObjectListers | undefined {
  let informers: Handle['informers'];
  try {
    informers = handle.informers;
  } catch {
    return undefined;
  }
  return {
    services: informers.lister<Service>(SERVICES),
    replicationControllers: informers.lister<ReplicationController>(REPLICATION_CONTROLLERS),
    replicaSets: informers.lister<ReplicaSet>(REPLICA_SETS),
    statefulSets: informers.lister<StatefulSet>(STATEFUL_SETS),
  };
}

/** The selector deduced from the objects selecting `pod` (empty: none does). */
export function defaultSelector(pod: Pod, listers: SelectingObjectListers | undefined): LabelSelector {
  if (listers === undefined) return LabelSelector.everything();
  const namespace = pod.metadata?.namespace ?? '';
  const labels = pod.metadata?.labels ?? {};
  let labelSet: Record<string, string> = {};
  for (const service of listers.services.byNamespace(namespace).list()) {
    const selector = service.spec?.selector;
    if (selector === undefined || selector === null) continue; // a nil selector matches nothing
    if (labelSelectorFromSet(selector).matches(labels)) labelSet = { ...labelSet, ...selector };
  }
  let selector = labelSelectorFromSet(labelSet);

  const owner = pod.metadata?.ownerReferences?.find((ref) => ref.controller === true);
  if (owner === undefined) return selector;
  const kind = `${owner.apiVersion ?? ''}/${owner.kind ?? ''}`;
  const name = owner.name ?? '';
  switch (kind) {
    case 'v1/ReplicationController': {
      const rc = listers.replicationControllers.get(namespace, name);
      if (rc !== undefined) selector = labelSelectorFromSet({ ...labelSet, ...(rc.spec?.selector ?? {}) });
      break;
    }
    case 'apps/v1/ReplicaSet':
      selector = withRequirementsOf(selector, listers.replicaSets.get(namespace, name)?.spec?.selector);
      break;
    case 'apps/v1/StatefulSet':
      selector = withRequirementsOf(selector, listers.statefulSets.get(namespace, name)?.spec?.selector);
      break;
    default:
    // not owned by a controller whose pods are spread by default
  }
  return selector;
}

/** `selector` ANDed with a workload's metav1.LabelSelector; unchanged when that is absent, null or invalid. */
function withRequirementsOf(selector: LabelSelector, object: unknown): LabelSelector {
  if (object === undefined || object === null) return selector;
  const other = labelSelectorFromObject(object as LabelSelectorObject);
  if (!other.ok || other.selector.matchesNothing) return selector;
  return LabelSelector.of([...selector.requirements, ...other.selector.requirements]);
}
