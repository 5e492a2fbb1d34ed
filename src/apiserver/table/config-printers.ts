/** Printers for namespaced configuration: ConfigMap, Secret, ServiceAccount, ResourceQuota. */
import { list, mapSize, optQuantity, optStr, rec } from './accessors.js';
import { AGE, NAME, column } from './columns.js';
import { age, name } from './format.js';
import type { Cell, Printer } from './types.js';

export const configMapPrinter: Printer = {
  columns: [NAME, column('Data', 'string', 'The number of keys in data and binaryData.'), AGE],
  cells(cm, now): Cell[] {
    return [name(cm), mapSize(cm, 'data') + mapSize(cm, 'binaryData'), age(cm, now)];
  },
};

export const secretPrinter: Printer = {
  columns: [
    NAME,
    column('Type', 'string', 'The type of the secret, which fixes the keys it must hold.'),
    column('Data', 'string', 'The number of keys in data.'),
    AGE,
  ],
  cells(secret, now): Cell[] {
    // type defaults to Opaque on create.
    return [name(secret), optStr(secret, 'type') || 'Opaque', mapSize(secret, 'data'), age(secret, now)];
  },
};

export const serviceAccountPrinter: Printer = {
  columns: [NAME, column('Secrets', 'string', 'The number of secrets listed by the service account.'), AGE],
  cells(sa, now): Cell[] {
    return [name(sa), list(sa, 'secrets').length, age(sa, now)];
  },
};

/** Go's byte-wise string order. */
const byBytes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * REQUEST and LIMIT: `resource: used/hard` for each hard limit, sorted by resource name; resources named
 * `limits.*` go to LIMIT, all others to REQUEST. A resource without usage shows `0`.
 */
function quotaColumns(quota: unknown): [request: string, limit: string] {
  const hard = rec(quota, 'status', 'hard');
  const request: string[] = [];
  const limit: string[] = [];
  for (const resource of Object.keys(hard).sort(byBytes)) {
    const used = optQuantity(quota, 'status', 'used', resource) ?? '0';
    const entry = `${resource}: ${used}/${optQuantity(hard, resource) ?? '0'}`;
    const pieces = resource.split('.');
    (pieces.length > 1 && pieces[0] === 'limits' ? limit : request).push(entry);
  }
  return [request.join(', '), limit.join(', ')];
}

export const resourceQuotaPrinter: Printer = {
  columns: [
    NAME,
    column('Request', 'string', 'Usage out of the hard limit, for each quota that is not a limits.* quota.'),
    column('Limit', 'string', 'Usage out of the hard limit, for each limits.* quota.'),
    AGE,
  ],
  cells(quota, now): Cell[] {
    return [name(quota), ...quotaColumns(quota), age(quota, now)];
  },
};
