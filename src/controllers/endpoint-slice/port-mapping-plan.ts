/**
 * The slices of one Service, address type and set of ports, brought to the desired endpoints (upstream
 * reconcileByPortMapping), touching as few slices as possible:
 *  1. each existing slice keeps the endpoints still desired (updated in place when they changed); a slice
 *     left empty is deleted, a changed one (or one whose labels are stale) is updated;
 *  2. the slices already being updated are filled up with new endpoints, fullest first;
 *  3. what remains goes into the unchanged slice that it fills best, or into new slices.
 * Nothing here writes; the caller gets the slices to create, update and delete.
 */
import type { Service } from '../../api/core/v1/service.js';
import type { EndpointPort, EndpointSlice } from '../../api/discovery/v1/endpoint-slice.js';
import { type EndpointSet, endpointsEqualBeyondKey } from './endpoint-set.js';
import type { AddressType } from './pod-to-endpoint.js';
import { newEndpointSlice, sliceLabels } from './slice-meta.js';

export interface SliceChanges {
  readonly create: EndpointSlice[];
  readonly update: EndpointSlice[];
  readonly delete: EndpointSlice[];
}

const endpointCount = (s: EndpointSlice): number => s.endpoints?.length ?? 0;
const nameOf = (s: EndpointSlice): string => s.metadata?.name ?? '';

/**
 * The slice of `slices` that `count` more endpoints fill closest to `max` without overflowing it, if any
 * (upstream getSliceToFill).
 */
export function sliceToFill(slices: readonly EndpointSlice[], count: number, max: number): EndpointSlice | undefined {
  let closestDiff = max;
  let closest: EndpointSlice | undefined;
  for (const slice of slices) {
    const diff = max - (count + endpointCount(slice));
    if (diff >= 0 && diff < closestDiff) {
      closestDiff = diff;
      closest = slice;
      if (diff === 0) break;
    }
  }
  return closest;
}

/**
 * Plans the slices of one port mapping. `existing` are this Service's slices with these ports (cached:
 * they are copied before any change); `desired` is consumed.
 */
export function planPortMapping(
  service: Service,
  existing: readonly EndpointSlice[],
  desired: EndpointSet,
  ports: readonly EndpointPort[],
  addressType: AddressType,
  maxEndpointsPerSlice: number,
): SliceChanges {
  const byName = new Map<string, EndpointSlice>();
  const unchanged = new Set<string>();
  const toUpdate = new Set<string>();
  const toDelete = new Set<string>();

  // 1. Keep what is still desired, update what changed.
  for (const slice of existing) {
    byName.set(nameOf(slice), slice);
    const kept: NonNullable<EndpointSlice['endpoints']> = [];
    let endpointUpdated = false;
    for (const endpoint of slice.endpoints ?? []) {
      const wanted = desired.get(endpoint);
      if (wanted === undefined) continue;
      kept.push(wanted);
      if (!endpointsEqualBeyondKey(wanted, endpoint)) endpointUpdated = true;
      desired.delete(endpoint);
    }
    const { labels, changed: labelsChanged } = sliceLabels(slice, service);
    if (endpointUpdated || kept.length !== endpointCount(slice)) {
      if (kept.length === 0) {
        toDelete.add(nameOf(slice));
      } else {
        const copy = structuredClone(slice);
        copy.endpoints = kept;
        (copy.metadata ??= {}).labels = labels;
        byName.set(nameOf(slice), copy);
        toUpdate.add(nameOf(slice));
      }
    } else if (labelsChanged) {
      const copy = structuredClone(slice);
      (copy.metadata ??= {}).labels = labels;
      byName.set(nameOf(slice), copy);
      toUpdate.add(nameOf(slice));
    } else {
      unchanged.add(nameOf(slice));
    }
  }

  // 2. Fill the slices being updated anyway, fullest first.
  if (desired.size > 0 && toUpdate.size > 0) {
    const slices = [...toUpdate].map((n) => byName.get(n) as EndpointSlice);
    slices.sort((a, b) => endpointCount(b) - endpointCount(a));
    for (const slice of slices) fill(slice, desired, maxEndpointsPerSlice);
  }

  // 3. The rest: into the unchanged slice it fits best, or into new slices.
  const create: EndpointSlice[] = [];
  while (desired.size > 0) {
    let target: EndpointSlice | undefined;
    if (desired.size < maxEndpointsPerSlice && unchanged.size > 0) {
      const candidates = [...unchanged].map((n) => byName.get(n) as EndpointSlice);
      const found = sliceToFill(candidates, desired.size, maxEndpointsPerSlice);
      if (found !== undefined) {
        target = structuredClone(found);
        byName.set(nameOf(target), target);
      }
    }
    target ??= newEndpointSlice(service, ports, addressType);
    fill(target, desired, maxEndpointsPerSlice);
    if (nameOf(target) !== '') {
      toUpdate.add(nameOf(target));
      unchanged.delete(nameOf(target));
    } else {
      create.push(target);
    }
  }
  return {
    create,
    update: [...toUpdate].map((n) => byName.get(n) as EndpointSlice),
    delete: [...toDelete].map((n) => byName.get(n) as EndpointSlice),
  };
}

function fill(slice: EndpointSlice, desired: EndpointSet, max: number): void {
  const endpoints = (slice.endpoints ??= []);
  while (desired.size > 0 && endpoints.length < max) {
    const next = desired.pop();
    if (next !== undefined) endpoints.push(next);
  }
}
