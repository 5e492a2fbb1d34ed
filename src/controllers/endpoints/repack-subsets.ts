/**
 * The canonical layout of Endpoints subsets (upstream RepackSubsets): every (address, port) pair is expanded,
 * addresses deduplicated by IP and target UID, an address not ready on a port staying not ready there, then
 * the ports offered by exactly the same addresses (with the same readiness) are gathered into one subset.
 * Subsets without ports (a headless Service without ports) are kept, through a sentinel port.
 * Addresses are sorted by IP then UID, ports and subsets in a fixed order, so that two computations of the
 * same state compare equal.
 */
import type { Static } from '@sinclair/typebox';
import type { EndpointAddress, EndpointPort, EndpointSubset } from '../../api/core/v1/endpoints.js';

export type Address = Static<typeof EndpointAddress>;
export type Port = Static<typeof EndpointPort>;
export type Subset = Static<typeof EndpointSubset>;

const addressKey = (a: Address): string => `${a.ip ?? ''}\u0000${a.targetRef?.uid ?? ''}`;
const portKey = (p: Port): string => JSON.stringify([p.name ?? '', p.port, p.protocol ?? '', p.appProtocol ?? null]);

/** Upstream LessEndpointAddress: by IP, then an address without a target first, then by target UID. */
export function compareAddresses(a: Address, b: Address): number {
  const ia = a.ip ?? '';
  const ib = b.ip ?? '';
  if (ia !== ib) return ia < ib ? -1 : 1;
  const ua = a.targetRef === undefined ? undefined : (a.targetRef.uid ?? '');
  const ub = b.targetRef === undefined ? undefined : (b.targetRef.uid ?? '');
  if (ua === ub) return 0;
  if (ua === undefined) return -1;
  if (ub === undefined) return 1;
  return ua < ub ? -1 : 1;
}

/** Stands for "no port" so that port-less addresses are not lost (upstream's sentinel port -1). */
const NO_PORT: Port = { port: -1 };
const NO_PORT_KEY = portKey(NO_PORT);

const comparePorts = (a: Port, b: Port): number => {
  const ka = portKey(a);
  const kb = portKey(b);
  return ka === kb ? 0 : ka < kb ? -1 : 1;
};

/** Sorts each subset's addresses and ports, then the subsets themselves; returns the same array. */
export function sortSubsets(subsets: Subset[]): Subset[] {
  for (const subset of subsets) {
    subset.addresses?.sort(compareAddresses);
    subset.notReadyAddresses?.sort(compareAddresses);
    subset.ports?.sort(comparePorts);
  }
  const keyOf = (s: Subset): string => JSON.stringify(s);
  return subsets
    .map((s) => [keyOf(s), s] as const)
    .sort(([a], [b]) => (a === b ? 0 : a < b ? -1 : 1))
    .map(([, s]) => s);
}

/** The canonical form of `subsets` (a new array; the input is not modified). */
export function repackSubsets(subsets: readonly Subset[]): Subset[] {
  const addresses = new Map<string, Address>();
  const ports = new Map<string, Port>();
  /** port key → address key → ready. */
  const readiness = new Map<string, Map<string, boolean>>();
  const record = (address: Address, port: Port, ready: boolean): void => {
    const aKey = addressKey(address);
    if (!addresses.has(aKey)) addresses.set(aKey, structuredClone(address));
    const pKey = portKey(port);
    if (!ports.has(pKey)) ports.set(pKey, { ...port });
    let byAddress = readiness.get(pKey);
    if (byAddress === undefined) readiness.set(pKey, (byAddress = new Map()));
    // Not ready wins: an address once seen not ready on a port stays so.
    if (byAddress.get(aKey) !== false) byAddress.set(aKey, ready);
  };
  for (const subset of subsets) {
    const subsetPorts = subset.ports ?? [];
    for (const port of subsetPorts.length === 0 ? [NO_PORT] : subsetPorts) {
      for (const address of subset.addresses ?? []) record(address, port, true);
      for (const address of subset.notReadyAddresses ?? []) record(address, port, false);
    }
  }
  /** The address set (with readiness) of a port, as text → the ports offered by exactly that set. */
  const groups = new Map<string, { byAddress: Map<string, boolean>; ports: Port[] }>();
  for (const [pKey, byAddress] of readiness) {
    const setKey = [...byAddress.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([a, ready]) => `${a}\u0001${ready ? 1 : 0}`)
      .join('\u0002');
    let group = groups.get(setKey);
    if (group === undefined) groups.set(setKey, (group = { byAddress, ports: [] }));
    if (pKey !== NO_PORT_KEY) group.ports.push(ports.get(pKey) as Port);
  }
  const result: Subset[] = [];
  for (const { byAddress, ports: groupPorts } of groups.values()) {
    const ready: Address[] = [];
    const notReady: Address[] = [];
    for (const [aKey, isReady] of byAddress) (isReady ? ready : notReady).push(addresses.get(aKey) as Address);
    const subset: Subset = {};
    if (ready.length > 0) subset.addresses = ready;
    if (notReady.length > 0) subset.notReadyAddresses = notReady;
    if (groupPorts.length > 0) subset.ports = groupPorts;
    result.push(subset);
  }
  return sortSubsets(result);
}
