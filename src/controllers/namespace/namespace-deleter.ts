/**
 * Emptying a namespace that is being deleted (upstream namespacedResourcesDeleter): mark it Terminating,
 * delete every namespaced resource it holds, keep its deletion conditions current, and once nothing remains
 * remove the `kubernetes` finalizer through the `finalize` subresource — after which the API server deletes
 * the namespace as soon as no other finalizer holds it.
 */
import type { Namespace } from '../../api/core/v1/namespace.js';
import type { Clock } from '../../client/clock/clock.js';
import { isConflict, isNotFound } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import type { RestClient } from '../../client/rest/rest-client.js';
import { type ApiResource, discover, type Discovery, supportsAllVerbs } from './api-discovery.js';
import { deleteResourceContent, groupResourceKey, RemainingContentError } from './namespace-content.js';
import { NamespaceConditionUpdater, type NamespaceCondition } from './namespace-conditions.js';
import { rfc3339 } from '../../machinery/rfc3339.js';

export const FINALIZER_KUBERNETES = 'kubernetes';

const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces', namespaced: false } as const;

/** What a deletion pass left to wait for. */
export interface DeletionOutcome {
  /** Seconds until remaining content may be gone (graceful deletion, finalizers); 0 when the pass finished. */
  readonly remainingSeconds: number;
}

/** Content deletion failed for some resources (upstream's aggregate error). */
export class ContentDeletionError extends Error {
  constructor(readonly errors: readonly unknown[]) {
    super(errors.map((e) => (e instanceof Error ? e.message : String(e))).join(', '));
    this.name = 'ContentDeletionError';
  }
}

export class NamespaceDeleter {
  constructor(
    private readonly client: RestClient,
    private readonly clock: Clock,
    /** Reads discovery; replaceable in tests. */
    private readonly discoverResources: () => Promise<Discovery> = () => discover(client),
  ) {}

  /**
   * One pass over namespace `name`: nothing when it is gone or not being deleted; else deletes its content
   * and finalizes it when nothing remains.
   * @throws ContentDeletionError when some content could not be deleted (the conditions say which), and
   *   API errors of the namespace's own reads and writes; the caller retries with backoff.
   */
  async delete(name: string): Promise<DeletionOutcome> {
    const done: DeletionOutcome = { remainingSeconds: 0 };
    let ns: Namespace;
    try {
      ns = await this.namespaces().get('', name);
    } catch (err) {
      if (isNotFound(err)) return done;
      throw err;
    }
    if (ns.metadata?.deletionTimestamp === undefined) return done;
    try {
      ns = await this.retryOnConflict(ns, (current) => this.markTerminating(current));
    } catch (err) {
      if (isNotFound(err)) return done;
      throw err;
    }
    if (ns.metadata?.deletionTimestamp === undefined) return done;
    if ((ns.spec?.finalizers ?? []).length === 0) return done;
    const estimate = await this.deleteAllContent(ns);
    if (estimate > 0) return { remainingSeconds: estimate };
    try {
      await this.retryOnConflict(ns, (current) => this.finalize(current));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    return done;
  }

  private namespaces(): ResourceClient<Namespace> {
    return this.client.resource<Namespace>(NAMESPACES);
  }

  private async markTerminating(ns: Namespace): Promise<Namespace> {
    if (ns.status?.phase === 'Terminating') return ns;
    const copy = structuredClone(ns);
    copy.status = { ...copy.status, phase: 'Terminating' };
    return this.namespaces().updateStatus('', copy);
  }

  /** Removes this controller's finalizer from spec.finalizers (sorted, as upstream), through `finalize`. */
  private async finalize(ns: Namespace): Promise<Namespace> {
    const finalizers = [...new Set((ns.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES))].sort();
    const body: Namespace = { ...structuredClone(ns), spec: { ...ns.spec, finalizers } };
    return this.namespaces().updateSubresource<Namespace>('', ns.metadata?.name ?? '', 'finalize', body);
  }

  /** Runs `write` on the latest namespace until it does not conflict; the namespace must keep its UID. */
  private async retryOnConflict(ns: Namespace, write: (current: Namespace) => Promise<Namespace>): Promise<Namespace> {
    let current = ns;
    for (;;) {
      try {
        return await write(current);
      } catch (err) {
        if (!isConflict(err)) throw err;
      }
      const latest = await this.namespaces().get('', current.metadata?.name ?? '');
      if (latest.metadata?.uid !== current.metadata?.uid) throw new Error('namespace uid has changed across retries');
      current = latest;
    }
  }

  /**
   * Deletes every namespaced resource that supports `delete`, updates the conditions, and returns the longest
   * wait estimate. @throws ContentDeletionError after updating the conditions when something failed.
   */
  private async deleteAllContent(ns: Namespace): Promise<number> {
    const name = ns.metadata?.name ?? '';
    const deletedAtMs = Date.parse(ns.metadata?.deletionTimestamp ?? '');
    const errors: unknown[] = [];
    const conditions = new NamespaceConditionUpdater(rfc3339(this.clock.now()));
    let resources: readonly ApiResource[] = [];
    try {
      const found = await this.discoverResources();
      resources = found.preferred.filter((r) => r.namespaced && supportsAllVerbs(r, ['delete']));
      if (found.groupError !== undefined) {
        errors.push(found.groupError);
        conditions.discoveryFailed(found.groupError);
      }
      if (found.parseError !== undefined) {
        errors.push(found.parseError);
        conditions.groupVersionParsingFailed(found.parseError);
      }
    } catch (err) {
      errors.push(err);
      conditions.discoveryFailed(err);
    }
    let estimate = 0;
    const remainingByResource = new Map<string, number>();
    const remainingByFinalizer = new Map<string, number>();
    await Promise.all(
      resources.map(async (resource) => {
        try {
          const result = await deleteResourceContent(this.client, this.clock, resource, name, deletedAtMs);
          estimate = Math.max(estimate, result.estimateSeconds);
          if (result.remaining > 0) remainingByResource.set(groupResourceKey(resource), result.remaining);
          for (const [f, n] of result.finalizers) remainingByFinalizer.set(f, (remainingByFinalizer.get(f) ?? 0) + n);
        } catch (err) {
          errors.push(err);
          conditions.deleteContentFailed(err);
          if (err instanceof RemainingContentError) remainingByResource.set(groupResourceKey(resource), err.remaining);
        }
      }),
    );
    conditions.contentTotals({ remainingByResource, remainingByFinalizer });
    await this.writeConditions(ns, conditions);
    if (errors.length > 0) throw new ContentDeletionError(errors);
    return estimate;
  }

  /** Writes the conditions when they changed; a failed write is only reported (the next pass retries). */
  private async writeConditions(ns: Namespace, conditions: NamespaceConditionUpdater): Promise<void> {
    const copy = structuredClone(ns);
    const status = (copy.status ??= {});
    const list = (status.conditions ?? []) as NamespaceCondition[];
    if (!conditions.apply(list)) return;
    status.conditions = list as typeof status.conditions;
    try {
      await this.namespaces().updateStatus('', copy);
    } catch (err) {
      console.warn(
        `namespace: couldn't update status condition for namespace "${ns.metadata?.name ?? ''}": ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
}
