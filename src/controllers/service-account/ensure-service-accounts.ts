/** One namespace's pass of the service account controller: create the accounts it lacks. */
import type { Namespace } from '../../api/core/v1/namespace.js';
import type { ServiceAccount } from '../../api/core/v1/service-account.js';
import type { Lister } from '../../client/listers/lister.js';
import { isAlreadyExists, isForbidden, isNotFound } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import { StatusError } from '../../machinery/status.js';

/** The status cause upstream attaches when a namespace refuses new content because it is terminating. */
export const NAMESPACE_TERMINATING_CAUSE = 'NamespaceTerminating';

/**
 * Creates each of `names` missing from `namespace` (per the lister) when the namespace is Active. Creations
 * that lose a race (AlreadyExists) or hit a namespace that started terminating (or vanished) are fine.
 * @throws Error listing every other failed creation, so that the namespace is retried with backoff.
 */
export async function ensureServiceAccounts(
  namespace: Namespace | undefined,
  names: readonly string[],
  accounts: Lister<ServiceAccount>,
  client: ResourceClient<ServiceAccount>,
): Promise<void> {
  if (namespace === undefined || namespace.status?.phase !== 'Active') return;
  const ns = namespace.metadata?.name ?? '';
  const failures: string[] = [];
  for (const name of names) {
    if (accounts.get(ns, name) !== undefined) continue;
    try {
      await client.create(ns, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns } });
    } catch (err) {
      if (isAlreadyExists(err) || isNamespaceTerminating(err) || isNotFound(err)) continue;
      failures.push(err instanceof Error ? err.message : String(err));
    }
  }
  if (failures.length > 0) throw new Error(failures.length === 1 ? failures[0] : `[${failures.join(', ')}]`);
}

/**
 * Whether `err` refuses a creation because the namespace is terminating: the NamespaceTerminating cause (as
 * upstream's API server sends), or a Forbidden with its message where the cause is missing.
 */
export function isNamespaceTerminating(err: unknown): boolean {
  if (!(err instanceof StatusError)) return false;
  if ((err.status.details?.causes ?? []).some((c) => c.reason === NAMESPACE_TERMINATING_CAUSE)) return true;
  return isForbidden(err) && /because it is being terminated$/.test(err.status.message ?? '');
}
