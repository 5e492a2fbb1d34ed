/**
 * EndpointSliceTracker (upstream endpointsliceutil.EndpointSliceTracker): the generation of every slice this
 * controller last wrote, per Service, and the slices it deleted. A sync whose cache shows an older generation,
 * misses a written slice or still shows a deleted one is working from a stale cache and must wait; a slice
 * event showing a newer generation than written (someone else changed it) calls for a sync.
 */
import type { EndpointSlice } from '../../api/discovery/v1/endpoint-slice.js';
import { LABEL_SERVICE_NAME } from './slice-meta.js';

const DELETION_EXPECTED = -1;

const serviceKeyOf = (slice: EndpointSlice): string =>
  `${slice.metadata?.namespace ?? ''}/${slice.metadata?.labels?.[LABEL_SERVICE_NAME] ?? ''}`;
const uidOf = (slice: EndpointSlice): string => slice.metadata?.uid ?? '';
const generationOf = (slice: EndpointSlice): number => slice.metadata?.generation ?? 0;

export class EndpointSliceTracker {
  /** Service key → slice UID → generation written (or DELETION_EXPECTED). */
  private readonly byService = new Map<string, Map<string, number>>();

  /** Whether the tracker knows `slice`. */
  has(slice: EndpointSlice): boolean {
    return this.byService.get(serviceKeyOf(slice))?.has(uidOf(slice)) ?? false;
  }

  /** Whether an event about `slice` calls for a sync: unknown to the tracker, or newer than written. */
  shouldSync(slice: EndpointSlice): boolean {
    const written = this.byService.get(serviceKeyOf(slice))?.get(uidOf(slice));
    return written === undefined || generationOf(slice) > written;
  }

  /** Whether `slices` (the cached slices of `serviceKey`) are older than what this controller wrote. */
  staleSlices(serviceKey: string, slices: readonly EndpointSlice[]): boolean {
    const written = this.byService.get(serviceKey);
    if (written === undefined) return false;
    const cached = new Map(slices.map((s) => [uidOf(s), generationOf(s)]));
    for (const [uid, generation] of written) {
      const seen = cached.get(uid);
      if (generation === DELETION_EXPECTED) {
        if (seen !== undefined) return true;
      } else if (seen === undefined || generation > seen) {
        return true;
      }
    }
    return false;
  }

  /** Records a slice as written (created or updated). */
  update(slice: EndpointSlice): void {
    const key = serviceKeyOf(slice);
    let written = this.byService.get(key);
    if (written === undefined) this.byService.set(key, (written = new Map()));
    written.set(uidOf(slice), generationOf(slice));
  }

  /** Records that `slice` is being deleted by this controller. */
  expectDeletion(slice: EndpointSlice): void {
    const key = serviceKeyOf(slice);
    let written = this.byService.get(key);
    if (written === undefined) this.byService.set(key, (written = new Map()));
    written.set(uidOf(slice), DELETION_EXPECTED);
  }

  /** Forgets a deleted slice; false when this controller did not expect the deletion (a sync is due). */
  handleDeletion(slice: EndpointSlice): boolean {
    const written = this.byService.get(serviceKeyOf(slice));
    if (written === undefined) return true;
    const generation = written.get(uidOf(slice));
    written.delete(uidOf(slice));
    if (written.size === 0) this.byService.delete(serviceKeyOf(slice));
    return generation === undefined || generation === DELETION_EXPECTED;
  }

  /** Forgets a deleted Service. */
  deleteService(namespace: string, name: string): void {
    this.byService.delete(`${namespace}/${name}`);
  }
}
