/**
 * When a sync must wait for its informer cache to catch up with the controller's own writes: the sync throws
 * a StaleCacheError, the work queue retries the key with backoff, and nothing is logged (it is expected).
 */
import type { Endpoints } from '../../api/core/v1/endpoints.js';

/** The cache does not show a write this controller already made; retry the key later. */
export class StaleCacheError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaleCacheError';
  }
}

/** A ReconcileLoop `onError` that stays silent about StaleCacheError and warns about anything else. */
export function warnUnlessStale(controller: string): (key: string, err: unknown) => void {
  return (key, err) => {
    if (err instanceof StaleCacheError) return;
    console.warn(`${controller}: syncing ${key} failed: ${err instanceof Error ? err.message : String(err)}`);
  };
}

/**
 * The resourceVersions of Endpoints this controller has replaced (upstream staleEndpointsTracker): a cached
 * Endpoints still at such a version is older than what the API server holds.
 */
export class StaleEndpointsTracker {
  private readonly replaced = new Map<string, string>();

  /** Records that `endpoints` (as cached) has just been replaced by a newer version. */
  markReplaced(endpoints: Endpoints): void {
    const meta = endpoints.metadata ?? {};
    this.replaced.set(`${meta.namespace ?? ''}/${meta.name ?? ''}`, meta.resourceVersion ?? '');
  }

  /** Whether the cached `endpoints` is a version this controller already replaced. */
  isStale(endpoints: Endpoints): boolean {
    const meta = endpoints.metadata ?? {};
    const replaced = this.replaced.get(`${meta.namespace ?? ''}/${meta.name ?? ''}`);
    return replaced !== undefined && replaced === meta.resourceVersion;
  }

  /** Forgets the Endpoints of a deleted Service. */
  delete(namespace: string, name: string): void {
    this.replaced.delete(`${namespace}/${name}`);
  }
}
