/**
 * What an EndpointSlice managed by this controller looks like around its endpoints (upstream
 * k8s.io/endpointslice utils.go): its labels, its owner, its name prefix, and the key grouping slices by ports.
 */
import type { Service } from '../../api/core/v1/service.js';
import type { EndpointPort, EndpointSlice } from '../../api/discovery/v1/endpoint-slice.js';
import { isServiceIPSet } from '../endpoints/endpoints-subsets.js';
import { HEADLESS_SERVICE_LABEL } from '../endpoints/endpoints-sync.js';
import { semanticEqual } from '../endpoints/semantic-equal.js';
import type { AddressType } from './pod-to-endpoint.js';

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
/** The value of LABEL_MANAGED_BY on the slices of this controller. */
export const CONTROLLER_QUALIFIED_NAME = 'endpointslice-controller.k8s.io';

type Labels = Record<string, string>;

const isReservedLabel = (key: string): boolean =>
  key === LABEL_SERVICE_NAME || key === LABEL_MANAGED_BY || key === HEADLESS_SERVICE_LABEL;

const withoutReserved = (labels: Readonly<Labels> | null | undefined): Labels =>
  Object.fromEntries(Object.entries(labels ?? {}).filter(([k]) => !isReservedLabel(k)));

/**
 * The labels `slice` should have (upstream setEndpointSliceLabels): the Service's, except the reserved keys,
 * plus the headless marker and the service-name and managed-by labels; `changed` when the Service's own labels
 * differ from the slice's.
 */
export function sliceLabels(slice: EndpointSlice | undefined, service: Service): { labels: Labels; changed: boolean } {
  const sliceOwn = withoutReserved(slice?.metadata?.labels);
  const labels = withoutReserved(service.metadata?.labels);
  const changed = !semanticEqual(sliceOwn, labels);
  if (!isServiceIPSet(service)) labels[HEADLESS_SERVICE_LABEL] = '';
  labels[LABEL_SERVICE_NAME] = service.metadata?.name ?? '';
  labels[LABEL_MANAGED_BY] = CONTROLLER_QUALIFIED_NAME;
  return { labels, changed };
}

/** Whether `slice` has an owner reference to `service` (by UID). */
export function ownedBy(slice: EndpointSlice, service: Service): boolean {
  const uid = service.metadata?.uid;
  return (slice.metadata?.ownerReferences ?? []).some(
    (o) => o.uid === uid && o.kind === 'Service' && o.apiVersion === 'v1',
  );
}

/** A new, empty slice for `service` (generateName `<service>-`, owned by the Service). */
export function newEndpointSlice(
  service: Service,
  ports: readonly EndpointPort[],
  addressType: AddressType,
): EndpointSlice {
  const name = service.metadata?.name ?? '';
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${name}-`,
      namespace: service.metadata?.namespace ?? '',
      labels: sliceLabels(undefined, service).labels,
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          name,
          uid: service.metadata?.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    addressType,
    endpoints: [],
    ports: ports.map((p) => ({ ...p })),
  };
}

/** The key grouping slices by their set of ports (order does not matter). */
export function portMapKey(ports: readonly EndpointPort[] | null | undefined): string {
  return JSON.stringify(
    (ports ?? [])
      .map((p) => JSON.stringify([p.name ?? '', p.port ?? null, p.protocol ?? 'TCP', p.appProtocol ?? null]))
      .sort(),
  );
}

/**
 * Whether `slice` is the same as the placeholder `placeholder` as upstream compares them: namespace, labels,
 * owners, address type, no endpoints, same ports; names, versions and annotations aside.
 */
export function samePlaceholder(slice: EndpointSlice, placeholder: EndpointSlice): boolean {
  const owners = (s: EndpointSlice): unknown =>
    (s.metadata as { ownerReferences?: unknown } | undefined)?.ownerReferences;
  return (
    slice.metadata?.namespace === placeholder.metadata?.namespace &&
    semanticEqual(slice.metadata?.labels, placeholder.metadata?.labels) &&
    semanticEqual(owners(slice), owners(placeholder)) &&
    slice.addressType === placeholder.addressType &&
    semanticEqual(slice.endpoints, placeholder.endpoints) &&
    portMapKey(slice.ports) === portMapKey(placeholder.ports)
  );
}
