/** PersistentVolumeClaimSpec validation and data source normalisation (also what pod ephemeral volumes use). */
import { isDeepStrictEqual } from 'node:util';
import { type FieldError, FieldPath, invalid, notSupported, required } from '../../../../machinery/field-errors.js';
import { list, type Obj, obj, optObj, text } from '../validation/json.js';
import { isDNS1123Subdomain, nameIsDNSLabel } from '../validation/names.js';
import { isPositive } from '../validation/quantity.js';
import { isFieldError, quantityAt } from '../validation/resources.js';
import { classNameErrors, validateAccessModes } from '../persistentvolumes/validation.js';

const SPEC = FieldPath.root('spec');
const VOLUME_MODES = ['Block', 'Filesystem'];
const DEFAULT_GROUP_KIND = "must be 'PersistentVolumeClaim' when referencing the default apiGroup";

function validateDataSource(ref: Obj, path: FieldPath, withNamespace: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (text(ref.name) === '') errors.push(required(path.child('name')));
  if (text(ref.kind) === '') errors.push(required(path.child('kind')));
  const group = text(ref.apiGroup);
  if (group === '' && ref.kind !== 'PersistentVolumeClaim')
    errors.push(invalid(path, text(ref.kind), DEFAULT_GROUP_KIND));
  if (group !== '') errors.push(...isDNS1123Subdomain(group).map((m) => invalid(path.child('apiGroup'), group, m)));
  const ns = text(ref.namespace);
  if (withNamespace && ns !== '')
    errors.push(...nameIsDNSLabel(ns, false).map((m) => invalid(path.child('namespace'), ns, m)));
  return errors;
}

const sameSource = (a: Obj, b: Obj): boolean =>
  isDeepStrictEqual(a.apiGroup, b.apiGroup) && a.kind === b.kind && a.name === b.name;

/** Upstream's ValidatePersistentVolumeClaimSpec. */
export function validateClaimSpec(spec: Obj): FieldError[] {
  const errors: FieldError[] = [];
  const modes = list(spec.accessModes).map(text);
  if (modes.length === 0) errors.push(required(SPEC.child('accessModes'), 'at least 1 access mode is required'));
  errors.push(...validateAccessModes(modes, SPEC.child('accessModes')));
  const storagePath = SPEC.child('resources').key('storage');
  const storage = obj(obj(spec.resources).requests).storage;
  if (storage === undefined) errors.push(required(storagePath));
  else {
    const q = quantityAt(storage, storagePath);
    if (isFieldError(q)) errors.push(q);
    else if (!isPositive(q)) errors.push(invalid(storagePath, text(storage), 'must be greater than zero'));
  }
  const className = text(spec.storageClassName);
  if (className !== '') errors.push(...classNameErrors(className, SPEC.child('storageClassName')));
  if (spec.volumeMode !== undefined && !VOLUME_MODES.includes(text(spec.volumeMode))) {
    errors.push(notSupported(SPEC.child('volumeMode'), spec.volumeMode, VOLUME_MODES));
  }
  const source = optObj(spec.dataSource);
  const sourceRef = optObj(spec.dataSourceRef);
  if (source) errors.push(...validateDataSource(source, SPEC.child('dataSource'), false));
  if (sourceRef) errors.push(...validateDataSource(sourceRef, SPEC.child('dataSourceRef'), true));
  if (sourceRef && text(sourceRef.namespace) !== '') {
    if (source)
      errors.push(invalid(SPEC, 'spec.dataSource', 'may not be specified when dataSourceRef.namespace is specified'));
  } else if (source && sourceRef && !sameSource(source, sourceRef)) {
    errors.push(invalid(SPEC, 'spec.dataSource', 'must match dataSourceRef'));
  }
  const vac = text(spec.volumeAttributesClassName);
  if (vac !== '') errors.push(...classNameErrors(vac, SPEC.child('volumeAttributesClassName')));
  return errors;
}

/** dataSource accepts only claims and volume snapshots; anything else is dropped (as upstream does). */
function isValidDataSource(ref: Obj): boolean {
  const group = text(ref.apiGroup);
  return (
    (group === '' && ref.kind === 'PersistentVolumeClaim') ||
    (group === 'snapshot.storage.k8s.io' && ref.kind === 'VolumeSnapshot')
  );
}

/**
 * Keeps dataSource and dataSourceRef in step for clients that set only one (upstream's
 * EnforceDataSourceBackwardsCompatibility and NormalizeDataSources), unless the old claim already had one.
 */
export function normalizeDataSources(spec: Obj, oldSpec: Obj | undefined): void {
  if (oldSpec && (oldSpec.dataSource !== undefined || oldSpec.dataSourceRef !== undefined)) return;
  const source = optObj(spec.dataSource);
  if (source && !isValidDataSource(source)) delete spec.dataSource;
  if (spec.dataSource !== undefined && spec.dataSourceRef === undefined)
    spec.dataSourceRef = structuredClone(spec.dataSource);
  const ref = optObj(spec.dataSourceRef);
  if (ref && spec.dataSource === undefined && text(ref.namespace) === '') {
    const { namespace: _namespace, ...local } = ref;
    spec.dataSource = structuredClone(local);
  }
}
