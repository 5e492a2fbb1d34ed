/**
 * PersistentVolumes: born Pending (the binder moves them on); the volume source and mode are fixed at
 * creation, node affinity once set; a phase change stamps lastPhaseTransitionTime.
 */
import { isDeepStrictEqual } from 'node:util';
import { type FieldError, FieldPath, forbidden, invalid } from '../../../../machinery/field-errors.js';
import type { ApiObject, Strategy, StrategyContext } from '../../strategy.js';
import { immutable, keepAllButStatus, type Obj, obj, optObj } from '../validation/json.js';
import { SOURCE_FIELDS, validatePersistentVolumeSpec } from './validation.js';
import { rfc3339 } from '../../../../machinery/rfc3339.js';

/** RFC 3339 with seconds, as metav1.Time serialises. */
const timestamp = (d: Date): string => rfc3339(d);

function sourceOf(spec: Obj, ignoreAddedExpandSecret: Obj | undefined): Obj {
  const source: Obj = {};
  for (const name of SOURCE_FIELDS) if (spec[name] !== undefined) source[name] = structuredClone(spec[name]);
  const csi = optObj(source.csi);
  if (csi && ignoreAddedExpandSecret && optObj(ignoreAddedExpandSecret.csi)?.controllerExpandSecretRef === undefined) {
    delete csi.controllerExpandSecretRef;
  }
  return source;
}

function validateUpdate(pv: Obj, old: Obj): FieldError[] {
  const spec = obj(pv.spec);
  const oldSpec = obj(old.spec);
  const errors = validatePersistentVolumeSpec(spec);
  if (!isDeepStrictEqual(sourceOf(spec, oldSpec), sourceOf(oldSpec, undefined))) {
    errors.push(
      forbidden(
        FieldPath.root('spec').child('persistentvolumesource'),
        'spec.persistentvolumesource is immutable after creation',
      ),
    );
  }
  errors.push(...immutable('volumeMode', spec.volumeMode, oldSpec.volumeMode));
  if (oldSpec.nodeAffinity !== undefined && !isDeepStrictEqual(spec.nodeAffinity, oldSpec.nodeAffinity)) {
    errors.push(
      invalid('nodeAffinity', spec.nodeAffinity, 'field is immutable, except for updating from beta label to GA'),
    );
  }
  if (oldSpec.volumeAttributesClassName !== undefined && spec.volumeAttributesClassName === undefined) {
    errors.push(
      forbidden(
        FieldPath.root('spec').child('volumeAttributesClassName'),
        'update from non-nil value to nil is forbidden',
      ),
    );
  }
  return errors;
}

export const persistentvolumesStrategy: Strategy = {
  prepareForCreate(pv: ApiObject, ctx: StrategyContext): void {
    pv.status = { phase: 'Pending', lastPhaseTransitionTime: timestamp(ctx.now) };
  },
  validate: (pv) => validatePersistentVolumeSpec(obj(pv.spec)),
  prepareForUpdate(pv: ApiObject, old: ApiObject): void {
    if (old.status === undefined) delete pv.status;
    else pv.status = structuredClone(old.status);
  },
  validateUpdate: (pv, old) => validateUpdate(pv, old),
  prepareForStatusUpdate(pv: ApiObject, old: ApiObject, ctx: StrategyContext): void {
    keepAllButStatus(pv, old);
    const status = obj((pv.status ??= {}));
    if (status.phase !== obj(old.status).phase) status.lastPhaseTransitionTime = timestamp(ctx.now);
  },
};
