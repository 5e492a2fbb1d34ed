/**
 * The subsets an Endpoints object should hold for a Service (upstream syncService's loop, addEndpointSubset,
 * podToEndpointAddressForService): one address per eligible pod in the Service's IP family, ready or not
 * ready, for every Service port that resolves on the pod; then repacked into canonical form.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import type { Service } from '../../api/core/v1/service.js';
import { isPodReady } from '../framework/pod-conditions.js';
import { findPort } from './find-port.js';
import { canonicalIP, isIPv6String, podIPs } from './ip-addresses.js';
import { shouldPodBeInEndpoints, shouldSetHostname } from './pod-eligibility.js';
import { type Address, type Port, repackSubsets, type Subset } from './repack-subsets.js';

export interface DesiredSubsets {
  readonly subsets: Subset[];
  /** Ready and not-ready (address, port) pairs, for logs. */
  readonly ready: number;
  readonly notReady: number;
}

/** Whether the Service has a cluster IP (not headless, not unset). */
export const isServiceIPSet = (service: Service): boolean =>
  Boolean(service.spec?.clusterIP) && service.spec?.clusterIP !== 'None';

/**
 * The address of `pod` for `service`: its first IP of the Service's family (the first of `ipFamilies`; else
 * the family of the cluster IP; for a headless Service without families, of the pod's IP), with the pod's
 * node and a reference to it. Undefined when the pod has no IP of that family.
 */
export function endpointAddressFor(service: Service, pod: Pod): Address | undefined {
  const ips = podIPs(pod);
  let wantV6: boolean;
  const family = service.spec?.ipFamilies?.[0];
  if (family !== undefined) wantV6 = family === 'IPv6';
  else if (isServiceIPSet(service)) wantV6 = isIPv6String(service.spec?.clusterIP ?? '');
  else wantV6 = isIPv6String(pod.status?.podIP ?? ips[0] ?? '');
  const ip = ips.find((candidate) => isIPv6String(candidate) === wantV6);
  if (ip === undefined) return undefined;
  const address: Address = {
    ip: canonicalIP(ip),
    targetRef: {
      kind: 'Pod',
      namespace: pod.metadata?.namespace ?? '',
      name: pod.metadata?.name ?? '',
      uid: pod.metadata?.uid ?? '',
    },
  };
  // Upstream always sets the node name; an empty one would fail validation, so it is left out.
  if (pod.spec?.nodeName) address.nodeName = pod.spec.nodeName;
  if (shouldSetHostname(pod, service)) address.hostname = pod.spec?.hostname ?? '';
  return address;
}

/** The desired subsets of `service` given the pods its selector matches. */
export function desiredSubsets(service: Service, pods: readonly Pod[]): DesiredSubsets {
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const servicePorts = service.spec?.ports ?? [];
  const subsets: Subset[] = [];
  let ready = 0;
  let notReady = 0;
  const add = (pod: Pod, address: Address, port: Port | undefined): void => {
    const ports = port === undefined ? [] : [port];
    if (publishNotReady || isPodReady(pod)) {
      subsets.push({ addresses: [address], ports });
      ready++;
    } else {
      subsets.push({ notReadyAddresses: [address], ports });
      notReady++;
    }
  };
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const address = endpointAddressFor(service, pod);
    if (address === undefined) continue;
    if (servicePorts.length === 0) {
      // A headless Service may have no ports; any other Service without ports gets no addresses.
      if (service.spec?.clusterIP === 'None') add(pod, address, undefined);
      continue;
    }
    for (const servicePort of servicePorts) {
      const number = findPort(pod, servicePort);
      if (number === undefined) continue;
      const port: Port = { port: number, protocol: servicePort.protocol ?? 'TCP' };
      if (servicePort.name) port.name = servicePort.name;
      if (servicePort.appProtocol !== undefined) port.appProtocol = servicePort.appProtocol;
      add(pod, address, port);
    }
  }
  return { subsets: repackSubsets(subsets), ready, notReady };
}
