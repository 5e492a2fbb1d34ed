/**
 * A pod's Quality of Service class, from its cpu and memory requests and limits (upstream's ComputePodQOS):
 * BestEffort without any, Guaranteed when every container limits both and requests equal limits,
 * Burstable otherwise. Missing requests count as equal to the limits, as defaulting makes them.
 */
import type { PodQOSClass } from '../../../../api/core/v1/pod-status.js';
import { isObj, type Obj, objects } from './validation/common.js';
import { addQuantities, compareQuantities, parseQuantity, type Quantity } from './quantity.js';

const SUPPORTED = ['cpu', 'memory'];

/** Positive cpu/memory quantities of a resource list. */
function positive(list: unknown): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  if (!isObj(list)) return out;
  for (const [name, value] of Object.entries(list)) {
    const q = parseQuantity(value);
    if (SUPPORTED.includes(name) && q !== undefined && q.nanos > 0n) out.set(name, q);
  }
  return out;
}

function add(into: Map<string, Quantity>, from: Map<string, Quantity>): void {
  for (const [name, q] of from) {
    const prev = into.get(name);
    into.set(name, prev ? addQuantities(prev, q) : q);
  }
}

/** Requests with limits standing in for the missing ones. */
function effectiveRequests(resources: Obj): Map<string, Quantity> {
  const requests = positive(resources.requests);
  for (const [name, q] of positive(resources.limits))
    if (!(isObj(resources.requests) && name in resources.requests)) requests.set(name, q);
  return requests;
}

export function computeQOS(specValue: unknown): PodQOSClass {
  const spec = isObj(specValue) ? specValue : {};
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const podLevel =
    isObj(spec.resources) && (isObj(spec.resources.requests) || isObj(spec.resources.limits))
      ? spec.resources
      : undefined;
  const sources = podLevel
    ? [podLevel]
    : [...objects(spec.containers), ...objects(spec.initContainers)].map((c) =>
        isObj(c.resources) ? c.resources : {},
      );
  for (const resources of sources) {
    add(requests, effectiveRequests(resources));
    const own = positive(resources.limits);
    add(limits, own);
    if (!SUPPORTED.every((name) => own.has(name))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, q] of requests) {
      const limit = limits.get(name);
      if (!limit || compareQuantities(limit, q) !== 0) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
