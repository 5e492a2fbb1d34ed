/**
 * One pod as an EndpointSlice endpoint, and the ports and address types a Service's slices carry (upstream
 * k8s.io/endpointslice utils.go).
 */
import type { Node } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { Service } from '../../api/core/v1/service.js';
import type { Endpoint, EndpointPort } from '../../api/discovery/v1/endpoint-slice.js';
import { isPodReady } from '../framework/pod-conditions.js';
import { findPort } from '../endpoints/find-port.js';
import { canonicalIP, isIPv6String, podIPs } from '../endpoints/ip-addresses.js';
import { shouldSetHostname } from '../endpoints/pod-eligibility.js';

export const AddressType = { IPv4: 'IPv4', IPv6: 'IPv6' } as const;
export type AddressType = (typeof AddressType)[keyof typeof AddressType];

/** The node label naming the zone of an endpoint. */
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** The pod's IPs of `addressType`, canonical. */
export function endpointAddresses(pod: Pod, addressType: AddressType): string[] {
  return podIPs(pod)
    .filter((ip) => isIPv6String(ip) === (addressType === AddressType.IPv6))
    .map(canonicalIP);
}

/**
 * The endpoint of `pod` (upstream podToEndpoint). `serving` is the pod's readiness, `terminating` whether it is
 * being deleted; `ready` is serving and not terminating — or always, with publishNotReadyAddresses.
 */
export function podToEndpoint(pod: Pod, node: Node | undefined, service: Service, addressType: AddressType): Endpoint {
  const serving = isPodReady(pod);
  const terminating = Boolean(pod.metadata?.deletionTimestamp);
  const ready = service.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const endpoint: Endpoint = {
    addresses: endpointAddresses(pod, addressType),
    conditions: { ready, serving, terminating },
    targetRef: {
      kind: 'Pod',
      namespace: pod.metadata?.namespace ?? '',
      name: pod.metadata?.name ?? '',
      uid: pod.metadata?.uid ?? '',
    },
  };
  if (pod.spec?.nodeName) endpoint.nodeName = pod.spec.nodeName;
  const zone = node?.metadata?.labels?.[ZONE_LABEL];
  if (zone) endpoint.zone = zone;
  if (shouldSetHostname(pod, service)) endpoint.hostname = pod.spec?.hostname ?? '';
  return endpoint;
}

/** The ports of `service` as they resolve on `pod` (a headless Service may have none). */
export function endpointPorts(service: Service, pod: Pod): EndpointPort[] {
  const ports: EndpointPort[] = [];
  for (const servicePort of service.spec?.ports ?? []) {
    const port = findPort(pod, servicePort);
    if (port === undefined) continue;
    const endpointPort: EndpointPort = { name: servicePort.name ?? '', port, protocol: servicePort.protocol ?? 'TCP' };
    if (servicePort.appProtocol !== undefined) endpointPort.appProtocol = servicePort.appProtocol;
    ports.push(endpointPort);
  }
  return ports;
}

/**
 * The address types a Service's slices have: its `ipFamilies`; without them, the family of its cluster IP;
 * a headless Service without families gets both.
 */
export function addressTypesForService(service: Service): Set<AddressType> {
  const types = new Set<AddressType>();
  for (const family of service.spec?.ipFamilies ?? []) {
    if (family === 'IPv4') types.add(AddressType.IPv4);
    if (family === 'IPv6') types.add(AddressType.IPv6);
  }
  if (types.size > 0) return types;
  const clusterIP = service.spec?.clusterIP;
  if (clusterIP && clusterIP !== 'None')
    return new Set([isIPv6String(clusterIP) ? AddressType.IPv6 : AddressType.IPv4]);
  return new Set([AddressType.IPv4, AddressType.IPv6]);
}
