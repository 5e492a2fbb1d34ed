/**
 * Endpoints over capacity (upstream truncateEndpoints): an Endpoints object keeps at most 1,000 addresses.
 * Beyond that, not-ready addresses go first; ready ones are cut only when they alone are too many. Each
 * subset keeps a share proportional to its size, rounded up, until the capacity is used up. The object then
 * carries `endpoints.kubernetes.io/over-capacity: truncated`.
 */
import type { Subset } from './repack-subsets.js';

/** The most addresses (ready and not) one Endpoints object holds. */
export const MAX_ENDPOINTS_CAPACITY = 1000;
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';
export const TRUNCATED = 'truncated';

/** The number of addresses, ready and not ready. */
export function addressCount(subsets: readonly Subset[]): number {
  return subsets.reduce((n, s) => n + (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0), 0);
}

/**
 * `subsets` cut down to `capacity` addresses (a copy when cut; the same array when they fit), and whether
 * they had to be cut. Expects repacked subsets; subsets left without any address are dropped.
 */
export function truncateSubsets(
  subsets: readonly Subset[],
  capacity = MAX_ENDPOINTS_CAPACITY,
): { readonly subsets: readonly Subset[]; readonly truncated: boolean } {
  let totalReady = 0;
  let totalNotReady = 0;
  for (const s of subsets) {
    totalReady += s.addresses?.length ?? 0;
    totalNotReady += s.notReadyAddresses?.length ?? 0;
  }
  if (totalReady + totalNotReady <= capacity) return { subsets, truncated: false };
  const truncateReady = totalReady > capacity;
  const max = truncateReady ? capacity : capacity - totalReady;
  const total = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  const result: Subset[] = [];
  for (const original of subsets) {
    const subset: Subset = { ...original };
    const inSubset = truncateReady ? (subset.addresses?.length ?? 0) : (subset.notReadyAddresses?.length ?? 0);
    const share = Math.min(Math.ceil((inSubset / total) * max), canBeAdded);
    if (truncateReady) {
      subset.addresses = (subset.addresses ?? []).slice(0, share);
      delete subset.notReadyAddresses;
      canBeAdded -= subset.addresses.length;
    } else {
      subset.notReadyAddresses = (subset.notReadyAddresses ?? []).slice(0, share);
      canBeAdded -= subset.notReadyAddresses.length;
    }
    if (subset.addresses?.length === 0) delete subset.addresses;
    if (subset.notReadyAddresses?.length === 0) delete subset.notReadyAddresses;
    if (subset.addresses !== undefined || subset.notReadyAddresses !== undefined) result.push(subset);
  }
  return { subsets: result, truncated: true };
}
