/**
 * Secrets: `stringData` is merged into `data` (as UTF-8 bytes, overwriting) on every write and never stored;
 * the type cannot change, and an immutable secret keeps its data.
 */
import {
  type FieldError,
  FieldPath,
  forbidden,
  invalid,
  required,
  tooLong,
} from '../../../../machinery/field-errors.js';
import { SecretType } from '../../../../api/core/v1/secret.js';
import type { ApiObject, Strategy } from '../../strategy.js';
import { immutable, type Obj, obj, sameValue, stringMap, text } from '../validation/json.js';
import { isConfigMapKey } from '../validation/names.js';

/** Upstream's MaxSecretSize: 1 MiB of data (also the limit for ConfigMaps). */
export const MAX_SECRET_SIZE = 1024 * 1024;

const DATA = FieldPath.root('data');

/** Moves `stringData` into `data`. */
export function mergeStringData(secret: Obj): void {
  if (secret.stringData === undefined) return;
  const data = obj((secret.data ??= {}));
  for (const [key, value] of Object.entries(stringMap(secret.stringData))) {
    data[key] = Buffer.from(value, 'utf8').toString('base64');
  }
  delete secret.stringData;
}

const decoded = (value: unknown): Buffer => Buffer.from(text(value), 'base64');

function validateJSON(data: Obj, key: string): FieldError[] {
  if (!(key in data)) return [required(DATA.key(key))];
  try {
    JSON.parse(decoded(data[key]).toString('utf8'));
    return [];
  } catch (e) {
    return [invalid(DATA.key(key), '<secret contents redacted>', (e as Error).message)];
  }
}

function validateByType(secret: Obj, data: Obj): FieldError[] {
  switch (secret.type) {
    case SecretType.ServiceAccountToken: {
      const name = stringMap(obj(secret.metadata).annotations)['kubernetes.io/service-account.name'];
      return name
        ? []
        : [required(FieldPath.root('metadata').child('annotations').key('kubernetes.io/service-account.name'))];
    }
    case SecretType.Dockercfg:
      return validateJSON(data, '.dockercfg');
    case SecretType.DockerConfigJson:
      return validateJSON(data, '.dockerconfigjson');
    case SecretType.BasicAuth:
      return 'username' in data || 'password' in data
        ? []
        : [required(DATA.key('username')), required(DATA.key('password'))];
    case SecretType.SSHAuth:
      return decoded(data['ssh-privatekey']).length > 0 ? [] : [required(DATA.key('ssh-privatekey'))];
    case SecretType.TLS:
      return [
        ...('tls.crt' in data ? [] : [required(DATA.key('tls.crt'))]),
        ...('tls.key' in data ? [] : [required(DATA.key('tls.key'))]),
      ];
    default:
      return [];
  }
}

/** Key names, total size and the keys each well-known type requires (upstream's ValidateSecret). */
export function validateSecret(secret: Obj): FieldError[] {
  const errors: FieldError[] = [];
  const data = obj(secret.data);
  let size = 0;
  for (const [key, value] of Object.entries(data)) {
    errors.push(...isConfigMapKey(key).map((m) => invalid(DATA.key(key), key, m)));
    size += decoded(value).length;
  }
  if (size > MAX_SECRET_SIZE) errors.push(tooLong(DATA, '', MAX_SECRET_SIZE));
  errors.push(...validateByType(secret, data));
  return errors;
}

function validateSecretUpdate(secret: Obj, old: Obj): FieldError[] {
  const errors = immutable('type', secret.type, old.type);
  if (old.immutable === true) {
    const message = 'field is immutable when `immutable` is set';
    if (secret.immutable !== true) errors.push(forbidden('immutable', message));
    if (!sameValue(secret.data, old.data)) errors.push(forbidden('data', message));
  }
  return [...errors, ...validateSecret(secret)];
}

export const secretsStrategy: Strategy = {
  prepareForCreate: (secret: ApiObject) => mergeStringData(secret),
  validate: (secret) => validateSecret(secret),
  prepareForUpdate: (secret: ApiObject) => mergeStringData(secret),
  validateUpdate: (secret, old) => validateSecretUpdate(secret, old),
};
