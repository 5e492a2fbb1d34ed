/** ServiceAccounts: only metadata rules; references to secrets keep nothing but the name. */
import type { ApiObject, Strategy } from '../../strategy.js';
import { list, obj } from '../validation/json.js';

/** Reduces each `secrets` entry to `{ name }` (upstream's cleanSecretReferences). */
function cleanSecretReferences(sa: ApiObject): void {
  if (!Array.isArray(sa.secrets)) return;
  sa.secrets = list(sa.secrets).map((ref) => {
    const name = obj(ref).name;
    return name === undefined ? {} : { name };
  });
}

export const serviceaccountsStrategy: Strategy = {
  prepareForCreate: cleanSecretReferences,
  prepareForUpdate: cleanSecretReferences,
};
