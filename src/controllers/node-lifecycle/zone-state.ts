/**
 * Zones and their disruption states (upstream nodelifecycle ComputeZoneState / handleDisruption). Nodes are
 * grouped by region and zone labels; a zone where no node is Ready is fully disrupted, one where at least
 * `unhealthyZoneThreshold` of its nodes (and more than two) are not Ready is partially disrupted. When every
 * zone is fully disrupted the fault is most likely the control plane's own view, not the nodes: evictions stop
 * and the NoExecute taints come off, until some node is Ready again.
 */
import type { Node } from '../../api/core/v1/node.js';

export const ZoneState = {
  Initial: 'Initial',
  Normal: 'Normal',
  FullDisruption: 'FullDisruption',
  PartialDisruption: 'PartialDisruption',
} as const;
export type ZoneState = (typeof ZoneState)[keyof typeof ZoneState];

export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';
export const LABEL_TOPOLOGY_REGION = 'topology.kubernetes.io/region';
export const LABEL_FAILURE_DOMAIN_BETA_ZONE = 'failure-domain.beta.kubernetes.io/zone';
export const LABEL_FAILURE_DOMAIN_BETA_REGION = 'failure-domain.beta.kubernetes.io/region';
/** Nodes with this label are left out of the disruption computation. */
export const LABEL_NODE_EXCLUDE_DISRUPTION = 'node.kubernetes.io/exclude-disruption';

/** The zone of `node` (upstream topology.GetZoneKey): `region:\0:zone`, or '' when it has neither label. */
export function zoneKey(node: Node): string {
  const labels = node.metadata?.labels ?? {};
  const zone = labels[LABEL_TOPOLOGY_ZONE] ?? labels[LABEL_FAILURE_DOMAIN_BETA_ZONE] ?? '';
  const region = labels[LABEL_TOPOLOGY_REGION] ?? labels[LABEL_FAILURE_DOMAIN_BETA_REGION] ?? '';
  if (region === '' && zone === '') return '';
  return `${region}:\u0000:${zone}`;
}

/** Whether `node` is left out of zone disruption checks. */
export function excludedFromDisruption(node: Node): boolean {
  return Object.hasOwn(node.metadata?.labels ?? {}, LABEL_NODE_EXCLUDE_DISRUPTION);
}

/**
 * The state of a zone from the Ready statuses of its nodes (undefined: no Ready condition): how many are not
 * Ready, and whether that makes the zone Normal, PartiallyDisrupted or FullyDisrupted.
 */
export function computeZoneState(
  readyStatuses: readonly (string | undefined)[],
  unhealthyZoneThreshold: number,
): { unhealthy: number; state: ZoneState } {
  const ready = readyStatuses.filter((s) => s === 'True').length;
  const notReady = readyStatuses.length - ready;
  if (ready === 0 && notReady > 0) return { unhealthy: notReady, state: ZoneState.FullDisruption };
  if (notReady > 2 && notReady / (notReady + ready) >= unhealthyZoneThreshold) {
    return { unhealthy: notReady, state: ZoneState.PartialDisruption };
  }
  return { unhealthy: notReady, state: ZoneState.Normal };
}

export interface EvictionRates {
  /** --node-eviction-rate: nodes tainted per second per zone normally. */
  readonly evictionLimiterQps: number;
  /** --secondary-node-eviction-rate: in a partially disrupted large zone. */
  readonly secondaryEvictionLimiterQps: number;
  /** --large-cluster-size-threshold: zones with more nodes count as large. */
  readonly largeClusterThreshold: number;
}

/** How many nodes per second may be tainted NoExecute in a zone of `zoneSize` nodes in `state`. */
export function zoneTaintRate(state: ZoneState, zoneSize: number, rates: EvictionRates): number {
  switch (state) {
    case ZoneState.PartialDisruption:
      return zoneSize > rates.largeClusterThreshold ? rates.secondaryEvictionLimiterQps : 0;
    default:
      return rates.evictionLimiterQps;
  }
}

/** What a disruption pass decides (upstream handleDisruption). */
export type DisruptionDecision =
  | { readonly kind: 'unchanged' }
  /** Every zone just became fully disrupted: stop all tainting and untaint every node. */
  | { readonly kind: 'enter-full-disruption' }
  /** Some node is Ready again after a full disruption: reset every node's probe time and every zone's rate. */
  | { readonly kind: 'exit-full-disruption'; readonly states: ReadonlyMap<string, ZoneState> }
  /** Zones whose state changed, with their new state. */
  | { readonly kind: 'zones-changed'; readonly changed: ReadonlyMap<string, ZoneState> };

/**
 * Compares the zones' previous states with the new ones. Zones gone from `next` are dropped from `previous`
 * by the caller; zones new in `next` count as Initial before.
 */
export function decideDisruption(
  previous: ReadonlyMap<string, ZoneState>,
  next: ReadonlyMap<string, ZoneState>,
): DisruptionDecision {
  const allAreFull = [...next.values()].every((s) => s === ZoneState.FullDisruption);
  let allWereFull = true;
  for (const zone of next.keys()) {
    if ((previous.get(zone) ?? ZoneState.Initial) !== ZoneState.FullDisruption) allWereFull = false;
  }
  if (allAreFull && allWereFull) return { kind: 'unchanged' };
  if (allAreFull) return { kind: 'enter-full-disruption' };
  if (allWereFull) return { kind: 'exit-full-disruption', states: next };
  const changed = new Map<string, ZoneState>();
  for (const [zone, state] of next) if (previous.get(zone) !== state) changed.set(zone, state);
  return changed.size === 0 ? { kind: 'unchanged' } : { kind: 'zones-changed', changed };
}
