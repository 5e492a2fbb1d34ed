/**
 * A pod's QoS class by upstream's rules (ComputePodQOS), for pods whose status does not carry one yet (the
 * API server normally sets it at creation, and then it may not change). Only cpu and memory count:
 * BestEffort without positive requests or limits; Guaranteed when cpu and memory are limited everywhere and
 * the summed requests equal the summed limits; Burstable otherwise. Pod-level resources, when present, are
 * used instead of the containers'.
 */
import type { Pod } from '../api/core/v1/pod.js';
import type { PodQOSClass } from '../api/core/v1/pod-status.js';
import { type Quantity, parseQuantity } from '../machinery/quantity.js';

const COMPUTE = ['cpu', 'memory'] as const;

type ResourceList = Readonly<Record<string, string>> | null | undefined;

/** Adds the positive cpu/memory amounts of `list` into `into`; answers which resources it found. */
function addPositive(into: Map<string, Quantity>, list: ResourceList): Set<string> {
  const found = new Set<string>();
  for (const name of COMPUTE) {
    const text = list?.[name];
    if (text === undefined) continue;
    let q: Quantity;
    try {
      q = parseQuantity(String(text));
    } catch {
      continue; // the API server validated it; an unreadable amount counts as absent
    }
    if (q.sign() <= 0) continue;
    found.add(name);
    const sum = into.get(name);
    into.set(name, sum === undefined ? q : sum.add(q));
  }
  return found;
}

export function podQosClass(pod: Pod): PodQOSClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const spec = pod.spec;
  const podLevel = spec?.resources?.requests || spec?.resources?.limits ? spec.resources : undefined;
  const lists: { requests?: ResourceList; limits?: ResourceList }[] = podLevel
    ? [podLevel]
    : [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].map((c) => c.resources ?? {});
  for (const resources of lists) {
    addPositive(requests, resources.requests);
    const limited = addPositive(limits, resources.limits);
    // Pod-level requests without limits are settled by the comparison below, as upstream's.
    const judged = podLevel === undefined || Object.keys(resources.limits ?? {}).length > 0;
    if (judged && !COMPUTE.every((name) => limited.has(name))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, request] of requests) {
      const limit = limits.get(name);
      if (limit === undefined || limit.cmp(request) !== 0) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
