/**
 * Namespaces: born Active with the `kubernetes` finalizer (the namespace controller removes it once the
 * contents are deleted); finalizers change only through the finalize subresource, status only through
 * status. Every namespace carries the `kubernetes.io/metadata.name` label.
 */
import { type FieldError, FieldPath, invalid } from '../../../../machinery/field-errors.js';
import type { ApiObject, Strategy } from '../../strategy.js';
import { keepAllButStatus, list, type Obj, obj, text } from '../validation/json.js';
import { isQualifiedName, nameIsDNSLabel } from '../validation/names.js';
import { STANDARD_FINALIZERS } from '../validation/resource-names.js';

export const FINALIZER_KUBERNETES = 'kubernetes';
export const NAME_LABEL = 'kubernetes.io/metadata.name';

/** A finalizer must be a qualified name, and an unprefixed one must be a standard finalizer. */
export function validateFinalizerName(name: string, path: FieldPath): FieldError[] {
  const errors = isQualifiedName(name).map((m) => invalid(path, name, m));
  if (!name.includes('/') && !STANDARD_FINALIZERS.has(name)) {
    errors.push(invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errors;
}

function validateNamespace(ns: Obj): FieldError[] {
  const path = FieldPath.root('spec').child('finalizers');
  return list(obj(ns.spec).finalizers).flatMap((f) => validateFinalizerName(text(f), path));
}

function validateNamespaceStatus(ns: Obj): FieldError[] {
  const phase = obj(ns.status).phase;
  const path = FieldPath.root('status').child('Phase');
  if (obj(ns.metadata).deletionTimestamp === undefined) {
    return phase === 'Active' ? [] : [invalid(path, phase, "may only be 'Active' if `deletionTimestamp` is empty")];
  }
  return phase === 'Terminating'
    ? []
    : [invalid(path, phase, "may only be 'Terminating' if `deletionTimestamp` is not empty")];
}

export const namespacesStrategy: Strategy = {
  prepareForCreate(ns: ApiObject): void {
    ns.status = { phase: 'Active' };
    const spec = obj((ns.spec ??= {}));
    const finalizers = list(spec.finalizers).map(text);
    if (!finalizers.includes(FINALIZER_KUBERNETES)) spec.finalizers = [...finalizers, FINALIZER_KUBERNETES];
  },
  validate: (ns) => validateNamespace(ns),
  prepareForUpdate(ns: ApiObject, old: ApiObject): void {
    ns.spec = { ...obj(ns.spec), finalizers: structuredClone(obj(old.spec).finalizers) };
    if (obj(old.spec).finalizers === undefined) delete obj(ns.spec).finalizers;
    if (old.status === undefined) delete ns.status;
    else ns.status = structuredClone(old.status);
  },
  validateUpdate: (ns) => validateNamespace(ns),
  prepareForStatusUpdate: (ns, old) => keepAllButStatus(ns, old),
  // Deleting a namespace with spec.finalizers makes it Terminating; the namespace controller empties it and
  // removes its finalizers through `finalize`, and the last one gone deletes it.
  prepareForDelete(ns: ApiObject): boolean {
    if (list(obj(ns.spec).finalizers).length === 0) return false;
    ns.status = { ...obj(ns.status), phase: 'Terminating' };
    return true;
  },
  pendingFinalization: (ns) => list(obj(ns.spec).finalizers).length > 0,
  prepareForFinalize(ns: ApiObject, old: ApiObject): void {
    const finalizers = obj(ns.spec).finalizers;
    for (const key of Object.keys(ns)) if (key !== 'metadata') delete ns[key];
    for (const [key, value] of Object.entries(old)) if (key !== 'metadata') ns[key] = structuredClone(value);
    ns.spec = { ...obj(ns.spec), finalizers: structuredClone(finalizers ?? []) };
  },
  validateStatusUpdate: (ns) => validateNamespaceStatus(ns),
  canonicalize(ns: ApiObject): void {
    const meta = obj((ns.metadata ??= {}));
    const name = text(meta.name);
    if (name === '') return;
    meta.labels = { ...obj(meta.labels), [NAME_LABEL]: name };
  },
  validateName: nameIsDNSLabel,
};
