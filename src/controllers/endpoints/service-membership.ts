/**
 * Which Services a pod event concerns (upstream GetPodServiceMemberships and GetServicesToUpdateOnPodChange):
 * the Services of the pod's namespace whose selector matches its labels, found by a scan of that namespace's
 * Services with their parsed selectors cached.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import type { Service } from '../../api/core/v1/service.js';
import { DeletedFinalStateUnknown } from '../../client/informers/object-key.js';
import type { Lister } from '../../client/listers/lister.js';
import type { Labels } from '../../machinery/labels/index.js';
import { podEndpointsChanged } from './pod-eligibility.js';
import { serviceSelector } from './service-selector.js';

/** The keys (`namespace/name`) of the Services of `namespace` selecting pods with `labels`. */
export function servicesSelecting(
  services: Lister<Service>,
  namespace: string,
  labels: Labels | undefined,
): Set<string> {
  const keys = new Set<string>();
  for (const service of services.byNamespace(namespace).list()) {
    const selector = serviceSelector(service);
    if (selector !== undefined && selector.matches(labels)) keys.add(`${namespace}/${service.metadata?.name ?? ''}`);
  }
  return keys;
}

/** The Services `pod` is a member of. */
export function podServiceMemberships(services: Lister<Service>, pod: Pod): Set<string> {
  return servicesSelecting(services, pod.metadata?.namespace ?? '', pod.metadata?.labels ?? undefined);
}

/**
 * The Services to sync after `oldPod` became `newPod`: none for a resync (same resourceVersion) or a change
 * endpoints do not show; when the labels changed, the Services gained and lost — and, if the pod itself also
 * changed, every Service of either side.
 */
export function servicesToUpdateOnPodChange(services: Lister<Service>, oldPod: Pod, newPod: Pod): Set<string> {
  if (oldPod.metadata?.resourceVersion === newPod.metadata?.resourceVersion) return new Set();
  const { podChanged, labelsChanged } = podEndpointsChanged(oldPod, newPod);
  if (!podChanged && !labelsChanged) return new Set();
  const current = podServiceMemberships(services, newPod);
  if (!labelsChanged) return current;
  const previous = podServiceMemberships(services, oldPod);
  if (podChanged) return new Set([...current, ...previous]);
  const changed = new Set<string>();
  for (const key of current) if (!previous.has(key)) changed.add(key);
  for (const key of previous) if (!current.has(key)) changed.add(key);
  return changed;
}

/** The pod of a delete event (the last known state for a tombstone). */
export function podFromDeleteEvent(obj: Pod | DeletedFinalStateUnknown<Pod>): Pod {
  return obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
}
