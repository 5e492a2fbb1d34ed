/** PersistentVolume spec validation (upstream's ValidatePersistentVolumeSpec for non-inline volumes). */
import {
  type FieldError,
  FieldPath,
  forbidden,
  invalid,
  notSupported,
  required,
} from '../../../../machinery/field-errors.js';
import { PERSISTENT_VOLUME_SOURCES } from '../../../../api/core/v1/persistent-volume.js';
import { list, type Obj, obj, optObj, text } from '../validation/json.js';
import { nameIsDNSSubdomain } from '../validation/names.js';
import { validateNodeSelector } from '../validation/node-selector.js';
import { isNegative, isPositive } from '../validation/quantity.js';
import { isFieldError, quantityAt } from '../validation/resources.js';
import { validateSource } from './sources.js';

export const SOURCE_FIELDS = Object.keys(PERSISTENT_VOLUME_SOURCES);
export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
const VOLUME_MODES = ['Block', 'Filesystem'];

/** Known access modes; ReadWriteOncePod only alone. */
export function validateAccessModes(modes: string[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  let rwop = false;
  let others = false;
  for (const mode of modes) {
    if (!ACCESS_MODES.includes(mode)) errors.push(notSupported(path, mode, ACCESS_MODES));
    if (mode === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(mode)) others = true;
  }
  if (rwop && others) errors.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errors;
}

/** Storage and volume attributes class names are DNS subdomains. */
export function classNameErrors(value: string, path: FieldPath): FieldError[] {
  return nameIsDNSSubdomain(value, false).map((m) => invalid(path, value, m));
}

function validateCapacity(capacity: Obj, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const names = Object.keys(capacity);
  if (names.length === 0) errors.push(required(path));
  if (!names.includes('storage') || names.length > 1) errors.push(notSupported(path, capacity, ['storage']));
  for (const [name, value] of Object.entries(capacity)) {
    const at = path.key(name);
    const q = quantityAt(value, at);
    if (isFieldError(q)) errors.push(q);
    else if (!isPositive(q)) {
      if (isNegative(q)) errors.push(invalid(at, text(value), 'must be a valid resource quantity'));
      errors.push(invalid(at, text(value), 'must be greater than zero'));
    }
  }
  return errors;
}

function validateSources(spec: Obj, path: FieldPath, hasNodeAffinity: boolean): FieldError[] {
  const errors: FieldError[] = [];
  let count = 0;
  for (const name of SOURCE_FIELDS) {
    if (spec[name] === undefined) continue;
    if (count > 0 && name !== 'flexVolume') {
      errors.push(forbidden(path.child(name), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    errors.push(...validateSource(name, spec[name], path));
    if (name === 'local' && !hasNodeAffinity)
      errors.push(required(path.child('nodeAffinity'), 'Local volume requires node affinity'));
  }
  if (count === 0) errors.push(required(path, 'must specify a volume type'));
  return errors;
}

/** Everything a stored (not inline) volume's spec must satisfy. */
export function validatePersistentVolumeSpec(spec: Obj): FieldError[] {
  const path = FieldPath.root('spec');
  const errors: FieldError[] = [];
  const modes = list(spec.accessModes).map(text);
  if (modes.length === 0) errors.push(required(path.child('accessModes')));
  errors.push(...validateAccessModes(modes, path.child('accessModes')));
  errors.push(...validateCapacity(obj(spec.capacity), path.child('capacity')));
  const policy = text(spec.persistentVolumeReclaimPolicy);
  if (policy !== '' && !RECLAIM_POLICIES.includes(policy)) {
    errors.push(notSupported(path.child('persistentVolumeReclaimPolicy'), policy, RECLAIM_POLICIES));
  }
  const affinity = optObj(spec.nodeAffinity);
  if (affinity !== undefined) {
    const selector = optObj(affinity.required);
    const at = path.child('nodeAffinity', 'required');
    errors.push(
      ...(selector ? validateNodeSelector(selector, at) : [required(at, 'must specify required node constraints')]),
    );
  }
  errors.push(...validateSources(spec, path, affinity !== undefined));
  const hostPath = optObj(spec.hostPath);
  const hostPathText = text(hostPath?.path);
  if (hostPathText !== '' && hostPathText.replace(/\/+$/, '') === '' && policy === 'Recycle') {
    errors.push(
      forbidden(path.child('persistentVolumeReclaimPolicy'), "may not be 'recycle' for a hostPath mount of '/'"),
    );
  }
  const className = text(spec.storageClassName);
  if (className !== '') errors.push(...classNameErrors(className, path.child('storageClassName')));
  if (spec.volumeMode !== undefined && !VOLUME_MODES.includes(text(spec.volumeMode))) {
    errors.push(notSupported(path.child('volumeMode'), spec.volumeMode, VOLUME_MODES));
  }
  if (spec.volumeAttributesClassName !== undefined) {
    const vac = text(spec.volumeAttributesClassName);
    if (vac === '') errors.push(required(path.child('volumeAttributesClassName'), 'an empty string is disallowed'));
    else errors.push(...classNameErrors(vac, path.child('volumeAttributesClassName')));
    if (spec.csi === undefined) {
      errors.push(required(path.child('csi'), 'has to be specified when using volumeAttributesClassName'));
    }
  }
  return errors;
}
