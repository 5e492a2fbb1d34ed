/** ConfigMaps: key names, total size, no key in both `data` and `binaryData`, and immutability once set. */
import { type FieldError, FieldPath, forbidden, invalid, tooLong } from '../../../../machinery/field-errors.js';
import type { Strategy } from '../../strategy.js';
import { type Obj, obj, sameValue, text } from '../validation/json.js';
import { isConfigMapKey } from '../validation/names.js';
import { MAX_SECRET_SIZE } from '../secrets/strategy.js';

/** Key names, no key in both maps, at most 1 MiB in all (upstream's ValidateConfigMap). */
export function validateConfigMap(cm: Obj): FieldError[] {
  const errors: FieldError[] = [];
  const data = obj(cm.data);
  const binary = obj(cm.binaryData);
  let size = 0;
  for (const [key, value] of Object.entries(data)) {
    const path = FieldPath.root('data').key(key);
    errors.push(...isConfigMapKey(key).map((m) => invalid(path, key, m)));
    if (key in binary) errors.push(invalid(path, key, 'duplicate of key present in binaryData'));
    size += Buffer.byteLength(text(value), 'utf8');
  }
  for (const [key, value] of Object.entries(binary)) {
    errors.push(...isConfigMapKey(key).map((m) => invalid(FieldPath.root('binaryData').key(key), key, m)));
    size += Buffer.from(text(value), 'base64').length;
  }
  if (size > MAX_SECRET_SIZE) errors.push(tooLong('', cm, MAX_SECRET_SIZE));
  return errors;
}

function validateConfigMapUpdate(cm: Obj, old: Obj): FieldError[] {
  const errors: FieldError[] = [];
  if (old.immutable === true) {
    const message = 'field is immutable when `immutable` is set';
    if (cm.immutable !== true) errors.push(forbidden('immutable', message));
    if (!sameValue(cm.data, old.data)) errors.push(forbidden('data', message));
    if (!sameValue(cm.binaryData, old.binaryData)) errors.push(forbidden('binaryData', message));
  }
  return [...errors, ...validateConfigMap(cm)];
}

export const configmapsStrategy: Strategy = {
  validate: (cm) => validateConfigMap(cm),
  validateUpdate: (cm, old) => validateConfigMapUpdate(cm, old),
};
