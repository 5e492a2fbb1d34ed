/**
 * Which pods back a Service, and which pod changes can change that (upstream k8s.io/endpointslice/util,
 * shared by the Endpoints and EndpointSlice controllers).
 */
import type { Pod } from '../../api/core/v1/pod.js';
import type { Service } from '../../api/core/v1/service.js';
import { isPodReady, isPodTerminal } from '../framework/pod-conditions.js';
import { podIPs } from './ip-addresses.js';
import { semanticEqual } from './semantic-equal.js';

/**
 * Whether `pod` belongs in an Endpoints or EndpointSlice object at all: not Succeeded or Failed, has an IP,
 * and is not being deleted unless `includeTerminating`.
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (podIPs(pod).length === 0) return false;
  return includeTerminating || !pod.metadata?.deletionTimestamp;
}

/** Whether an endpoint of `pod` carries its hostname: it has one and names `service` as its subdomain. */
export function shouldSetHostname(pod: Pod, service: Service): boolean {
  return (
    Boolean(pod.spec?.hostname) &&
    pod.spec?.subdomain === service.metadata?.name &&
    service.metadata?.namespace === pod.metadata?.namespace
  );
}

export interface PodEndpointChange {
  /** The pod changed in a way that changes its endpoints (deletion, readiness, IPs, terminal phase). */
  readonly podChanged: boolean;
  /** The pod changed in a way that changes which Services select it (labels, hostname, subdomain). */
  readonly labelsChanged: boolean;
}

/**
 * How an update of a pod matters to its Services (upstream podEndpointsChanged). A pod turning Succeeded or
 * Failed also counts as changed: upstream relies on its readiness flipping at the same time.
 */
export function podEndpointsChanged(oldPod: Pod, newPod: Pod): PodEndpointChange {
  const labelsChanged =
    !semanticEqual(oldPod.metadata?.labels, newPod.metadata?.labels) ||
    oldPod.spec?.hostname !== newPod.spec?.hostname ||
    oldPod.spec?.subdomain !== newPod.spec?.subdomain;
  const podChanged =
    oldPod.metadata?.deletionTimestamp !== newPod.metadata?.deletionTimestamp ||
    isPodReady(oldPod) !== isPodReady(newPod) ||
    isPodTerminal(oldPod) !== isPodTerminal(newPod) ||
    oldPod.spec?.nodeName !== newPod.spec?.nodeName ||
    podIPs(oldPod).join(',') !== podIPs(newPod).join(',');
  return { podChanged, labelsChanged };
}
