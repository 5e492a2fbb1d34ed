/**
 * The namespace controller (upstream NamespaceController): a namespace that gets a deletionTimestamp is
 * queued (after a short delay, so that writes racing the deletion land first), then emptied by the
 * NamespaceDeleter pass after pass — requeued after half the remaining estimate while graceful deletions
 * or finalizers are pending, with backoff after failures — until its `kubernetes` finalizer is removed.
 */
import type { Namespace } from '../../api/core/v1/namespace.js';
import {
  BucketRateLimiter,
  ItemExponentialFailureRateLimiter,
  MaxOfRateLimiter,
} from '../../client/workqueue/rate-limiters.js';
import type { Controller, ControllerContext, ControllerFactory } from '../framework/controller.js';
import { ReconcileLoop } from '../framework/reconcile-loop.js';
import { NamespaceDeleter } from './namespace-deleter.js';

export const NAME = 'namespace';

const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces', namespaced: false } as const;

/** Upstream's delay before a deleted namespace is processed (HA API servers and etcd catch up meanwhile). */
export const NAMESPACE_DELETION_GRACE_PERIOD_MS = 5_000;
/** Upstream's --concurrent-namespace-syncs default. */
export const NAMESPACE_WORKERS = 10;

export interface NamespaceControllerOptions {
  /** Delay before a namespace whose deletion was observed is processed. Default 5 s. */
  readonly deletionGracePeriodMs?: number;
  /** Concurrent namespace deletions. Default 10. */
  readonly workers?: number;
}

/** Builds the namespace controller with explicit options (tests shorten the deletion delay). */
export function newNamespaceControllerWith(
  context: ControllerContext,
  options: NamespaceControllerOptions = {},
): Controller {
  const delayMs = options.deletionGracePeriodMs ?? NAMESPACE_DELETION_GRACE_PERIOD_MS;
  const lister = context.informers.lister<Namespace>(NAMESPACES);
  const deleter = new NamespaceDeleter(context.client, context.clock);
  const loop = new ReconcileLoop({
    name: NAME,
    clock: context.clock,
    // Faster than the default backoff (never more than a minute between retries): namespaces are reclaimed
    // as quickly as possible.
    rateLimiter: new MaxOfRateLimiter<string>(
      new ItemExponentialFailureRateLimiter<string>(5, 60_000),
      new BucketRateLimiter<string>(10, 100, context.clock),
    ),
    maxRetries: Infinity,
    reconcile: async ({ name }) => {
      if (lister.get('', name) === undefined) return;
      const outcome = await deleter.delete(name);
      if (outcome.remainingSeconds > 0)
        return { requeueAfterMs: (Math.floor(outcome.remainingSeconds / 2) + 1) * 1000 };
    },
  });
  const enqueue = (ns: Namespace): void => {
    if (ns.metadata?.deletionTimestamp === undefined) return;
    loop.enqueueAfter({ namespace: '', name: ns.metadata.name ?? '' }, delayMs);
  };
  context.informers.forResource<Namespace>(NAMESPACES).addEventHandler({
    onAdd: (ns) => enqueue(ns),
    onUpdate: (_old, ns) => enqueue(ns),
  });
  return {
    name: NAME,
    run: (signal) => loop.run(signal, options.workers ?? NAMESPACE_WORKERS),
  };
}

export const newNamespaceController: ControllerFactory = (context) => newNamespaceControllerWith(context);
