/**
 * Resource amounts as plain numbers for the hot path (upstream framework.Resource): CPU in millicores,
 * memory and ephemeral storage in bytes, pods as a count, everything else (extended resources, hugepages)
 * by name in `scalar`. Quantities are parsed once, when a pod or node enters the cache.
 */
import type { Container } from '../../api/core/v1/container.js';
import type { Node } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { Quantity } from '../../machinery/quantity.js';

export const CPU = 'cpu';
export const MEMORY = 'memory';
export const EPHEMERAL_STORAGE = 'ephemeral-storage';
export const PODS = 'pods';

/** Requests assumed for a container that states none, when spreading by score (upstream's non-zero defaults). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

const NO_SCALARS: ReadonlyMap<string, number> = new Map();

export class Resource {
  milliCPU = 0;
  memory = 0;
  ephemeralStorage = 0;
  allowedPodNumber = 0;
  /** Created with the first scalar amount: most resources have none, and nodes hold three each. */
  private scalars: Map<string, number> | undefined;

  /** Extended resources, hugepages and other scalar amounts by name (change them through set/add/max). */
  get scalar(): ReadonlyMap<string, number> {
    return this.scalars ?? NO_SCALARS;
  }

  /** The amount of `name` (cpu in millicores). */
  get(name: string): number {
    switch (name) {
      case CPU:
        return this.milliCPU;
      case MEMORY:
        return this.memory;
      case EPHEMERAL_STORAGE:
        return this.ephemeralStorage;
      case PODS:
        return this.allowedPodNumber;
      default:
        return this.scalar.get(name) ?? 0;
    }
  }

  set(name: string, value: number): void {
    switch (name) {
      case CPU:
        this.milliCPU = value;
        return;
      case MEMORY:
        this.memory = value;
        return;
      case EPHEMERAL_STORAGE:
        this.ephemeralStorage = value;
        return;
      case PODS:
        this.allowedPodNumber = value;
        return;
      default:
        (this.scalars ??= new Map()).set(name, value);
    }
  }

  /** Adds (sign 1) or subtracts (sign -1) `other` into this. */
  add(other: Resource, sign: 1 | -1 = 1): void {
    this.milliCPU += sign * other.milliCPU;
    this.memory += sign * other.memory;
    this.ephemeralStorage += sign * other.ephemeralStorage;
    this.allowedPodNumber += sign * other.allowedPodNumber;
    if (other.scalars === undefined) return;
    const own = (this.scalars ??= new Map());
    for (const [name, value] of other.scalars) own.set(name, (own.get(name) ?? 0) + sign * value);
  }

  /** Raises each amount to at least `other`'s. */
  max(other: Resource): void {
    this.milliCPU = Math.max(this.milliCPU, other.milliCPU);
    this.memory = Math.max(this.memory, other.memory);
    this.ephemeralStorage = Math.max(this.ephemeralStorage, other.ephemeralStorage);
    this.allowedPodNumber = Math.max(this.allowedPodNumber, other.allowedPodNumber);
    if (other.scalars === undefined) return;
    const own = (this.scalars ??= new Map());
    for (const [name, value] of other.scalars) own.set(name, Math.max(own.get(name) ?? 0, value));
  }

  clone(): Resource {
    const copy = new Resource();
    copy.add(this);
    return copy;
  }

  /** Every resource name with an amount (cpu, memory, ephemeral-storage, then scalar names). */
  names(): string[] {
    return [CPU, MEMORY, EPHEMERAL_STORAGE, ...this.scalar.keys()];
  }
}

/** Parses a resource list (`{cpu: '500m', memory: '1Gi'}`) into a Resource. Unparseable amounts count as 0. */
export function resourceFromList(list: Readonly<Record<string, string>> | undefined): Resource {
  const out = new Resource();
  if (list === undefined) return out;
  for (const name in list) out.set(name, quantityNumber(name, list[name] as string));
  return out;
}

/** A node's allocatable resources (status.allocatable; capacity when allocatable is absent). */
export function nodeAllocatable(node: Node): Resource {
  const status = node.status ?? {};
  return resourceFromList((status.allocatable ?? status.capacity) as Record<string, string> | undefined);
}

/** Suffixes a plain whole number may carry, as multipliers of the unit (`m` is a thousandth). */
const SUFFIX_MILLIS: Readonly<Record<string, number>> = {
  m: 1,
  '': 1e3,
  k: 1e6,
  M: 1e9,
  G: 1e12,
  T: 1e15,
  P: 1e18,
  E: 1e21,
  Ki: 1024 * 1e3,
  Mi: 1024 ** 2 * 1e3,
  Gi: 1024 ** 3 * 1e3,
  Ti: 1024 ** 4 * 1e3,
  Pi: 1024 ** 5 * 1e3,
  Ei: 1024 ** 6 * 1e3,
};
const MAX_PLAIN_DIGITS = 15;

/**
 * The number of a plain quantity (`100m`, `4`, `500Mi`: digits and one suffix) without BigInt arithmetic —
 * what nearly every request and allocatable looks like — or undefined for anything else and for amounts
 * past 2^53 thousandths, which Quantity parses exactly. Rounds up as Quantity does (`1m` is 1 unit).
 */
export function plainQuantityNumber(name: string, text: string): number | undefined {
  let digits = 0;
  let whole = 0;
  while (digits < text.length) {
    const c = text.charCodeAt(digits);
    if (c < 48 || c > 57) break;
    whole = whole * 10 + (c - 48);
    digits++;
  }
  if (digits === 0 || digits > MAX_PLAIN_DIGITS) return undefined;
  const suffix = digits === text.length ? '' : text.slice(digits);
  if (!Object.hasOwn(SUFFIX_MILLIS, suffix)) return undefined;
  const millis = whole * (SUFFIX_MILLIS[suffix] as number);
  if (millis > Number.MAX_SAFE_INTEGER) return undefined;
  if (name === CPU) return millis;
  const rest = millis % 1000; // exact, unlike a division that could round a fraction away
  return (millis - rest) / 1000 + (rest === 0 ? 0 : 1);
}

function quantityNumber(name: string, text: string): number {
  const plain = plainQuantityNumber(name, text);
  if (plain !== undefined) return plain;
  try {
    const q = Quantity.parse(text);
    return Number(name === CPU ? q.milliValue() : q.value());
  } catch {
    return 0;
  }
}

/**
 * What a pod asks for (upstream resource helpers' PodRequests): the larger of (regular containers plus
 * restartable init containers, i.e. sidecars) and, for each ordinary init container, its request plus the
 * sidecars started before it; then the pod overhead. With `nonZero`, a container that states no cpu or memory
 * request counts the defaults (100m, 200Mi) — the amounts used for scoring.
 */
export function podRequests(pod: Pod, nonZero = false): Resource {
  const spec = pod.spec ?? { containers: [] };
  const total = new Resource();
  for (const c of spec.containers ?? []) total.add(containerRequests(c, nonZero));
  const sidecars = new Resource();
  const initPeak = new Resource();
  for (const c of spec.initContainers ?? []) {
    const request = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      sidecars.add(request);
      initPeak.max(sidecars);
    } else {
      request.add(sidecars);
      initPeak.max(request);
    }
  }
  total.add(sidecars);
  total.max(initPeak);
  if (spec.overhead !== undefined) total.add(resourceFromList(spec.overhead as Record<string, string>));
  return total;
}

function containerRequests(c: Container, nonZero: boolean): Resource {
  const requests = resourceFromList(c.resources?.requests as Record<string, string> | undefined);
  if (nonZero) {
    const stated = c.resources?.requests ?? {};
    if (stated[CPU] === undefined) requests.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (stated[MEMORY] === undefined) requests.memory = DEFAULT_MEMORY_REQUEST;
  }
  return requests;
}
