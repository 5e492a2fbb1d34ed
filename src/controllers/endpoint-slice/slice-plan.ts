/**
 * What to create, update and delete so that a Service's EndpointSlices hold its pods (upstream Reconciler.
 * Reconcile and reconcileByAddressType): slices per address type of the Service, grouped by the ports their
 * endpoints serve, at most `maxEndpointsPerSlice` endpoints each; a placeholder slice without endpoints when
 * there is nothing to list; slices that would be deleted are reused for ones that would be created. Pure:
 * the caller does the writes.
 */
import type { Node } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { Service } from '../../api/core/v1/service.js';
import type { EndpointPort, EndpointSlice } from '../../api/discovery/v1/endpoint-slice.js';
import { shouldPodBeInEndpoints } from '../endpoints/pod-eligibility.js';
import { EndpointSet } from './endpoint-set.js';
import { planPortMapping, type SliceChanges } from './port-mapping-plan.js';
import { type AddressType, addressTypesForService, endpointPorts, podToEndpoint } from './pod-to-endpoint.js';
import { newEndpointSlice, ownedBy, portMapKey, samePlaceholder } from './slice-meta.js';

/** Upstream's default --max-endpoints-per-slice. */
export const DEFAULT_MAX_ENDPOINTS_PER_SLICE = 100;

export interface SlicePlanInput {
  readonly service: Service;
  /** The pods the Service selects. */
  readonly pods: readonly Pod[];
  /** The Service's slices managed by this controller, not being deleted (cached: never modified here). */
  readonly existing: readonly EndpointSlice[];
  /** The cached Node of that name, if any. */
  readonly nodeOf: (name: string) => Node | undefined;
  readonly maxEndpointsPerSlice?: number;
}

export interface SlicePlan extends SliceChanges {
  /** Why pods were left out (their Node is unknown); the sync reports them and retries. */
  readonly errors: string[];
}

/** Plans the slices of a Service. */
export function planEndpointSlices(input: SlicePlanInput): SlicePlan {
  const types = addressTypesForService(input.service);
  const byType = new Map<string, EndpointSlice[]>();
  const unsupported: EndpointSlice[] = [];
  for (const slice of input.existing) {
    const type = slice.addressType ?? '';
    if (!types.has(type as AddressType)) {
      unsupported.push(slice);
      continue;
    }
    let list = byType.get(type);
    if (list === undefined) byType.set(type, (list = []));
    list.push(slice);
  }
  const plan: SlicePlan = { create: [], update: [], delete: [], errors: [] };
  for (const type of types) {
    const part = planAddressType(input, byType.get(type) ?? [], type);
    plan.create.push(...part.create);
    plan.update.push(...part.update);
    plan.delete.push(...part.delete);
    plan.errors.push(...part.errors);
  }
  plan.delete.push(...unsupported);
  return plan;
}

function planAddressType(
  input: SlicePlanInput,
  existing: readonly EndpointSlice[],
  addressType: AddressType,
): SlicePlan {
  const { service } = input;
  const max = input.maxEndpointsPerSlice ?? DEFAULT_MAX_ENDPOINTS_PER_SLICE;
  const create: EndpointSlice[] = [];
  const update: EndpointSlice[] = [];
  const remove: EndpointSlice[] = [];
  const errors: string[] = [];

  const existingByPorts = new Map<string, EndpointSlice[]>();
  for (const slice of existing) {
    if (!ownedBy(slice, service)) {
      remove.push(slice);
      continue;
    }
    const key = portMapKey(slice.ports);
    let list = existingByPorts.get(key);
    if (list === undefined) existingByPorts.set(key, (list = []));
    list.push(slice);
  }

  const desired = new Map<string, { ports: EndpointPort[]; endpoints: EndpointSet }>();
  for (const pod of input.pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = endpointPorts(service, pod);
    const key = portMapKey(ports);
    let group = desired.get(key);
    if (group === undefined) desired.set(key, (group = { ports, endpoints: new EndpointSet() }));
    const nodeName = pod.spec?.nodeName ?? '';
    const node = nodeName === '' ? undefined : input.nodeOf(nodeName);
    if (node === undefined && service.spec?.publishNotReadyAddresses !== true) {
      const svc = `${service.metadata?.namespace ?? ''}/${service.metadata?.name ?? ''}`;
      errors.push(`skipping Pod ${pod.metadata?.name ?? ''} for Service ${svc}: Node ${nodeName} Not Found`);
      continue;
    }
    const endpoint = podToEndpoint(pod, node, service, addressType);
    if ((endpoint.addresses ?? []).length > 0) group.endpoints.insert(endpoint);
  }

  for (const [key, group] of desired) {
    const part = planPortMapping(
      service,
      existingByPorts.get(key) ?? [],
      group.endpoints,
      group.ports,
      addressType,
      max,
    );
    create.push(...part.create);
    update.push(...part.update);
    remove.push(...part.delete);
  }
  for (const [key, slices] of existingByPorts) if (!desired.has(key)) remove.push(...slices);

  // Nothing to list: keep (or make) one slice without endpoints, so that the Service visibly has none.
  if (existing.length === remove.length && create.length === 0) {
    const placeholder = newEndpointSlice(service, [], addressType);
    const [only] = remove;
    if (remove.length === 1 && only !== undefined && samePlaceholder(only, placeholder)) remove.length = 0;
    else create.push(placeholder);
  }

  // Reuse slices about to be deleted for slices about to be created.
  for (let i = 0; i < remove.length && create.length > 0;) {
    const old = remove[i] as EndpointSlice;
    const slice = create[create.length - 1] as EndpointSlice;
    if (old.addressType === slice.addressType && ownedBy(old, service)) {
      const metadata = (slice.metadata ??= {});
      metadata.name = old.metadata?.name ?? '';
      if (old.metadata?.resourceVersion !== undefined) metadata.resourceVersion = old.metadata.resourceVersion;
      create.pop();
      update.push(slice);
      remove.splice(i, 1);
    } else {
      i++;
    }
  }
  return { create, update, delete: remove, errors };
}
