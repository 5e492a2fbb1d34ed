/**
 * Validation of `metadata` on create (apimachinery api/validation objectmeta.go, ValidateObjectMeta): names,
 * namespace scope, generation, labels, annotations, owner references, finalizers, managed fields.
 */
import { type FieldError, type FieldPath, forbidden, invalid, required } from '../field-errors.js';
import { validateAnnotations, validateLabels } from './labels-annotations.js';
import { validateManagedFields } from './managed-fields.js';
import { type NameValidator, validateNamespaceName } from './name-functions.js';
import { isQualifiedName } from './names.js';
import type { ObjectMetaLike } from './object-meta-like.js';
import { validateOwnerReferences } from './owner-references.js';

/** The finalizer that orphans dependents, and the one that deletes them first: never both. */
export const FINALIZER_ORPHAN_DEPENDENTS = 'orphan';
export const FINALIZER_DELETE_DEPENDENTS = 'foregroundDeletion';

/** What metadata validation needs to know about the kind. */
export interface ObjectMetaRules {
  /** Namespaced kinds require `metadata.namespace`; cluster-scoped kinds forbid it. */
  readonly namespaced: boolean;
  /** The kind's name format, applied to `name` and (with prefix) `generateName`. */
  readonly nameFn: NameValidator;
}

/** `must be greater than or equal to 0` for a negative number. */
export function validateNonNegative(value: number, path: FieldPath): FieldError[] {
  return value < 0 ? [invalid(path, value, 'must be greater than or equal to 0')] : [];
}

/** Each finalizer is a qualified name; `orphan` and `foregroundDeletion` exclude each other. */
export function validateFinalizers(finalizers: readonly string[] | null | undefined, path: FieldPath): FieldError[] {
  const list = finalizers ?? [];
  const errs: FieldError[] = [];
  for (const f of list) errs.push(...isQualifiedName(f).map((msg) => invalid(path, f, msg)));
  if (list.includes(FINALIZER_ORPHAN_DEPENDENTS) && list.includes(FINALIZER_DELETE_DEPENDENTS)) {
    errs.push(
      invalid(
        path,
        list,
        `finalizer ${FINALIZER_ORPHAN_DEPENDENTS} and ${FINALIZER_DELETE_DEPENDENTS} cannot be both set`,
      ),
    );
  }
  return errs;
}

/**
 * Validates an object's metadata on create, after name generation. Never mutates `meta`; returns every
 * problem found, in upstream's order.
 */
export function validateObjectMeta(meta: ObjectMetaLike, rules: ObjectMetaRules, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const generateName = meta.generateName ?? '';
  if (generateName !== '') {
    for (const msg of rules.nameFn(generateName, true))
      errs.push(invalid(path.child('generateName'), generateName, msg));
  }
  const name = meta.name ?? '';
  if (name === '') errs.push(required(path.child('name'), 'name or generateName is required'));
  else for (const msg of rules.nameFn(name, false)) errs.push(invalid(path.child('name'), name, msg));

  const namespace = meta.namespace ?? '';
  if (rules.namespaced) {
    if (namespace === '') errs.push(required(path.child('namespace')));
    else
      for (const msg of validateNamespaceName(namespace, false))
        errs.push(invalid(path.child('namespace'), namespace, msg));
  } else if (namespace !== '') {
    errs.push(forbidden(path.child('namespace'), 'not allowed on this type'));
  }
  errs.push(
    ...validateNonNegative(meta.generation ?? 0, path.child('generation')),
    ...validateLabels(meta.labels, path.child('labels')),
    ...validateAnnotations(meta.annotations, path.child('annotations')),
    ...validateOwnerReferences(meta.ownerReferences, path.child('ownerReferences')),
    ...validateFinalizers(meta.finalizers, path.child('finalizers')),
    ...validateManagedFields(meta.managedFields, path.child('managedFields')),
  );
  return errs;
}
