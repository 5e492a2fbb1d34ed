/**
 * The TTL-after-finished controller (upstream `ttl-after-finished`): deletes a finished Job (true Complete or
 * Failed condition) `spec.ttlSecondsAfterFinished` after it finished, with its dependents (foreground
 * propagation, as upstream) and a UID precondition. A Job not yet due is requeued for when it will be; just
 * before deleting, the Job is read again from the server, since a cached TTL may be stale.
 */
import type { Job } from '../../api/batch/v1/job.js';
import { isConflict, isNotFound } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import type { Controller, ControllerContext, ControllerFactory } from '../framework/controller.js';
import { type ObjectName, ReconcileLoop } from '../framework/reconcile-loop.js';
import { needsCleanup, timeLeft } from './ttl-time.js';

export const NAME = 'ttl-after-finished';

export const JOBS = { group: 'batch', version: 'v1', resource: 'jobs', namespaced: true } as const;

class TtlAfterFinishedController implements Controller {
  readonly name = NAME;
  private readonly loop: ReconcileLoop;
  private readonly client: ResourceClient<Job>;

  constructor(private readonly context: ControllerContext) {
    const jobs = context.informers.forResource<Job>(JOBS);
    this.client = context.client.resource<Job>(JOBS);
    this.loop = new ReconcileLoop({
      name: NAME,
      clock: context.clock,
      reconcile: (key) => this.processJob(key, jobs.indexer.getByKey(`${key.namespace}/${key.name}`)),
    });
    const consider = (job: Job): void => {
      if (!job.metadata?.deletionTimestamp && needsCleanup(job)) this.loop.enqueue(job);
    };
    jobs.addEventHandler({ onAdd: consider, onUpdate: (_old, cur) => consider(cur) });
  }

  run(signal: AbortSignal): Promise<void> {
    return this.loop.run(signal, this.context.options.concurrentSyncs);
  }

  /**
   * Whether `job` has expired; when it will later, requeues it for then. @throws when its finish time is
   * unknown (upstream's error; the key is retried with back-off).
   */
  private expired(job: Job, key: ObjectName): boolean {
    if (job.metadata?.deletionTimestamp || !needsCleanup(job)) return false;
    const left = timeLeft(job, this.context.clock.now());
    if (!left.ok) throw new Error(left.error);
    if (left.ms <= 0) return true;
    this.loop.enqueueAfter(key, left.ms);
    return false;
  }

  private async processJob(key: ObjectName, cached: Job | undefined): Promise<void> {
    if (cached === undefined || !this.expired(cached, key)) return;
    let fresh: Job;
    try {
      fresh = await this.client.get(key.namespace, key.name);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    // The TTL may have changed since the cache saw the Job: judge by the server's copy.
    if (!this.expired(fresh, key)) return;
    try {
      await this.client.delete(key.namespace, key.name, {
        propagationPolicy: 'Foreground',
        preconditions: { uid: fresh.metadata?.uid ?? '' },
      });
    } catch (err) {
      // Gone already, or replaced by a new Job of the same name (whose own events will bring it here).
      if (isNotFound(err) || isConflict(err)) return;
      throw err;
    }
  }
}

/** Builds the TTL-after-finished controller (registers its informer handlers). */
export const newTtlAfterFinishedController: ControllerFactory = (context) => new TtlAfterFinishedController(context);
