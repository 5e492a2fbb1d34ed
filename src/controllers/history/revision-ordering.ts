/**
 * Ordering and comparing revisions (upstream SortControllerRevisions, EqualRevision, FindEqualRevisions,
 * nextRevision): revisions sort by their revision number, ties broken by age and then name; two revisions
 * are equal when their data is (and their hash labels, where both parse as numbers, agree).
 */
import type { ControllerRevision } from '../../api/apps/v1/controller-revision.js';
import { CONTROLLER_REVISION_HASH_LABEL } from './controller-revision-hash.js';
import { revisionDataEqual } from './revision-data.js';

const revisionOf = (r: ControllerRevision): number => r.revision ?? 0;
const createdAt = (r: ControllerRevision): number => {
  const t = Date.parse(r.metadata?.creationTimestamp ?? '');
  return Number.isFinite(t) ? t : 0;
};

/** A sorted copy of `revisions`: by revision, then oldest first, then by name. Stable; does not mutate. */
export function sortControllerRevisions(revisions: readonly ControllerRevision[]): ControllerRevision[] {
  return [...revisions].sort((a, b) => {
    if (revisionOf(a) !== revisionOf(b)) return revisionOf(a) - revisionOf(b);
    if (createdAt(a) !== createdAt(b)) return createdAt(a) - createdAt(b);
    const x = a.metadata?.name ?? '';
    const y = b.metadata?.name ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** The hash label as a 32-bit number, when it parses as one (upstream only compares such hashes). */
function numericHash(r: ControllerRevision): number | undefined {
  const value = r.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL];
  if (value === undefined || !/^[+-]?\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= -(2 ** 31) && n < 2 ** 31 ? n >>> 0 : undefined;
}

/** Whether both are absent, or both present with equivalent data. */
export function equalRevision(a: ControllerRevision | undefined, b: ControllerRevision | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const ha = numericHash(a);
  const hb = numericHash(b);
  if (ha !== undefined && hb !== undefined && ha !== hb) return false;
  return revisionDataEqual(a.data, b.data);
}

/** The revisions equal to `needle`, in their order. */
export function findEqualRevisions(
  revisions: readonly ControllerRevision[],
  needle: ControllerRevision,
): ControllerRevision[] {
  return revisions.filter((r) => equalRevision(r, needle));
}

/** One more than the last revision of `sorted` (sorted by revision), or 1 when there is none. */
export function nextRevision(sorted: readonly ControllerRevision[]): number {
  const last = sorted[sorted.length - 1];
  return last === undefined ? 1 : revisionOf(last) + 1;
}

/** The highest revision number among `revisions` (0 when there is none). */
export function maxRevision(revisions: readonly ControllerRevision[]): number {
  let max = 0;
  for (const r of revisions) if (revisionOf(r) > max) max = revisionOf(r);
  return max;
}
