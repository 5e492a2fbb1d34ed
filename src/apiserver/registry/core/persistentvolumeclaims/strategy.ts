/**
 * PersistentVolumeClaims: born Pending; once created the spec is fixed except the storage request of a
 * bound claim, the volume attributes class, and the volume name (set once by the binder).
 */
import { isDeepStrictEqual } from 'node:util';
import { type FieldError, FieldPath, forbidden } from '../../../../machinery/field-errors.js';
import type { ApiObject, Strategy } from '../../strategy.js';
import { keepAllButStatus, type Obj, obj, optObj, text } from '../validation/json.js';
import { compareQuantities, parseQuantity, ZERO } from '../validation/quantity.js';
import { normalizeDataSources, validateClaimSpec } from './validation.js';

const STORAGE_PATH = FieldPath.root('spec').child('resources', 'requests', 'storage');

function storageOf(resources: unknown): ReturnType<typeof parseQuantity> {
  return parseQuantity(text(obj(obj(resources).requests).storage));
}

function validateUpdate(pvc: Obj, old: Obj): FieldError[] {
  const errors = validateClaimSpec(obj(pvc.spec));
  const spec = structuredClone(obj(pvc.spec));
  const oldSpec = structuredClone(obj(old.spec));
  if (!oldSpec.volumeName) {
    if (spec.volumeName === undefined) delete oldSpec.volumeName;
    else oldSpec.volumeName = spec.volumeName;
  }
  if (obj(pvc.status).phase === 'Bound' && optObj(obj(spec.resources).requests)) {
    const requests = obj(obj(spec.resources).requests);
    const oldStorage = obj(obj(oldSpec.resources).requests).storage;
    if (oldStorage === undefined) delete requests.storage;
    else requests.storage = oldStorage;
  }
  if (oldSpec.volumeAttributesClassName === undefined) delete spec.volumeAttributesClassName;
  else spec.volumeAttributesClassName = oldSpec.volumeAttributesClassName;
  if (!isDeepStrictEqual(spec, oldSpec)) {
    errors.push(
      forbidden(
        'spec',
        'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
      ),
    );
  }
  const size = storageOf(obj(pvc.spec).resources);
  const oldSize = storageOf(obj(old.spec).resources);
  const statusSize = parseQuantity(text(obj(obj(old.status).capacity).storage)) ?? ZERO;
  if (size && oldSize && compareQuantities(size, oldSize) < 0 && compareQuantities(size, statusSize) <= 0) {
    errors.push(forbidden(STORAGE_PATH, 'field can not be less than status.capacity'));
  }
  return errors;
}

export const persistentvolumeclaimsStrategy: Strategy = {
  prepareForCreate(pvc: ApiObject): void {
    pvc.status = { phase: 'Pending' };
    normalizeDataSources(obj((pvc.spec ??= {})), undefined);
  },
  validate: (pvc) => validateClaimSpec(obj(pvc.spec)),
  prepareForUpdate(pvc: ApiObject, old: ApiObject): void {
    if (old.status === undefined) delete pvc.status;
    else pvc.status = structuredClone(old.status);
    normalizeDataSources(obj((pvc.spec ??= {})), obj(old.spec));
  },
  validateUpdate: (pvc, old) => validateUpdate(pvc, old),
  prepareForStatusUpdate: (pvc, old) => keepAllButStatus(pvc, old),
};
