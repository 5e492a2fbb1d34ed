/**
 * Validation of `metadata` on update (apimachinery api/validation objectmeta.go, ValidateObjectMetaUpdate):
 * identity fields are immutable, a resourceVersion is required, generation never goes back, and an object
 * being deleted takes no new finalizers.
 */
import { type FieldError, type FieldPath, forbidden, invalid } from '../field-errors.js';
import { compareGoStrings, goStringSlice } from './go-format.js';
import { validateAnnotations, validateLabels } from './labels-annotations.js';
import { validateManagedFields } from './managed-fields.js';
import type { ObjectMetaLike } from './object-meta-like.js';
import { validateOwnerReferences } from './owner-references.js';

/** The detail of every immutable-field error. */
export const FIELD_IMMUTABLE = 'field is immutable';

/** One Invalid error, showing `next`, when `next` differs from `prev` (`equal` decides). */
export function validateImmutableField(
  next: unknown,
  prev: unknown,
  path: FieldPath,
  equal: (a: unknown, b: unknown) => boolean = Object.is,
): FieldError[] {
  return equal(next, prev) ? [] : [invalid(path, next, FIELD_IMMUTABLE)];
}

/** Finalizers in `next` that `prev` lacks: none may be added to an object being deleted. */
export function validateNoNewFinalizers(
  next: readonly string[] | null | undefined,
  prev: readonly string[] | null | undefined,
  path: FieldPath,
): FieldError[] {
  const old = new Set(prev ?? []);
  const extra = [...new Set(next ?? [])].filter((f) => !old.has(f)).sort(compareGoStrings);
  if (extra.length === 0) return [];
  return [
    forbidden(
      path,
      `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(extra)}`,
    ),
  ];
}

/** Go's zero time (0001-01-01T00:00:00Z): what an absent metav1.Time decodes to. */
const ZERO_TIME = Date.UTC(2000, 0, 1) - 730119 * 86_400_000;

/** Milliseconds of an RFC 3339 time (the zero time when absent); unparsable text compares as itself. */
function instant(t: string | null | undefined): number | string {
  if (t === undefined || t === null || t === '') return ZERO_TIME;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? t : ms;
}

/** A metav1.Time as Go prints it in a message: `2024-01-02 03:04:05 +0000 UTC` (the server runs in UTC). */
function goTime(t: string | null | undefined): string {
  const ms = instant(t);
  if (typeof ms === 'string') return ms;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`;
}

const sameInstant = (a: unknown, b: unknown): boolean =>
  instant(a as string | null | undefined) === instant(b as string | null | undefined);
const bothAbsentOrSameInstant = (a: unknown, b: unknown): boolean =>
  a === undefined || a === null || b === undefined || b === null ? (a ?? null) === (b ?? null) : sameInstant(a, b);

/** Validates `next` metadata replacing `prev`. Mutates neither; returns every problem found. */
export function validateObjectMetaUpdate(next: ObjectMetaLike, prev: ObjectMetaLike, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (prev.deletionTimestamp) {
    errs.push(...validateNoNewFinalizers(next.finalizers, prev.finalizers, path.child('finalizers')));
  }
  const rv = next.resourceVersion ?? '';
  if (rv === '') errs.push(invalid(path.child('resourceVersion'), rv, 'must be specified for an update'));
  const generation = next.generation ?? 0;
  if (generation < (prev.generation ?? 0))
    errs.push(invalid(path.child('generation'), generation, 'must not be decremented'));

  errs.push(...validateImmutableField(next.name ?? '', prev.name ?? '', path.child('name')));
  errs.push(...validateImmutableField(next.namespace ?? '', prev.namespace ?? '', path.child('namespace')));
  errs.push(...validateImmutableField(next.uid ?? '', prev.uid ?? '', path.child('uid')));
  if (!sameInstant(next.creationTimestamp, prev.creationTimestamp)) {
    errs.push(invalid(path.child('creationTimestamp'), goTime(next.creationTimestamp), FIELD_IMMUTABLE));
  }
  if (!bothAbsentOrSameInstant(next.deletionTimestamp, prev.deletionTimestamp)) {
    const shown = next.deletionTimestamp ? goTime(next.deletionTimestamp) : null;
    errs.push(invalid(path.child('deletionTimestamp'), shown, FIELD_IMMUTABLE));
  }
  errs.push(
    ...validateImmutableField(
      next.deletionGracePeriodSeconds ?? null,
      prev.deletionGracePeriodSeconds ?? null,
      path.child('deletionGracePeriodSeconds'),
    ),
  );
  errs.push(
    ...validateLabels(next.labels, path.child('labels')),
    ...validateAnnotations(next.annotations, path.child('annotations')),
    ...validateOwnerReferences(next.ownerReferences, path.child('ownerReferences')),
    ...validateManagedFields(next.managedFields, path.child('managedFields')),
  );
  return errs;
}
