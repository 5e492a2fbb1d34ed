/**
 * The Job controller (upstream `job`): runs each Job's pods to completion — completions and parallelism,
 * NonIndexed and Indexed modes, finished pods counted exactly once through the `batch.kubernetes.io/job-tracking`
 * finalizer, backoffLimit (and per index), activeDeadlineSeconds, pod failure and success policies, suspend
 * and resume — and reports it in the Job's status, conditions and events. This file wires informers to two
 * work queues: Jobs (synced by job-sync.ts) and orphaned pods whose finalizer must go (orphan-pods.ts).
 */
import type { Job } from '../../api/batch/v1/job.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { DeletedFinalStateUnknown, splitObjectKey } from '../../client/informers/object-key.js';
import { isConflict } from '../../client/rest/error-predicates.js';
import { ItemExponentialFailureRateLimiter } from '../../client/workqueue/rate-limiters.js';
import type { Controller, ControllerContext, ControllerFactory } from '../framework/controller.js';
import { Expectations } from '../framework/expectations.js';
import { controllerOf, type OwnerReference } from '../framework/owner-references.js';
import { ReconcileLoop } from '../framework/reconcile-loop.js';
import { FinalizerExpectations } from './finalizer-expectations.js';
import { hasTrackingFinalizer, isJobFinished, JOBS, jobKey, PODS } from './job-api.js';
import { DEFAULT_JOB_CONTROLLER_OPTIONS, type JobControllerOptions } from './job-controller-options.js';
import { ensurePodIndex, jobSelector, podsControlledBy } from './job-pod-claims.js';
import type { JobControllerParts } from './job-sync-state.js';
import { syncJob } from './job-sync.js';
import { resolveJob, syncOrphanPod } from './orphan-pods.js';
import { BackoffStore } from './pod-backoff.js';
import { timeMs } from './pod-state.js';

export const NAME = 'job';
/** The event source of the Job controller. */
export const COMPONENT = 'job-controller';

export { DEFAULT_JOB_CONTROLLER_OPTIONS, type JobControllerOptions } from './job-controller-options.js';

const unwrap = <T>(obj: T | DeletedFinalStateUnknown<T>): T =>
  obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;

const sameRef = (a: OwnerReference | undefined, b: OwnerReference | undefined): boolean =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const sameLabels = (a: Pod, b: Pod): boolean =>
  JSON.stringify(a.metadata?.labels ?? {}) === JSON.stringify(b.metadata?.labels ?? {});

/** Logs failed syncs, except lost update races (the Job is synced again with back-off either way). */
function onSyncError(controller: string): (key: string, err: unknown) => void {
  return (key, err) => {
    if (isConflict(err)) return;
    console.warn(`${controller}: syncing ${key} failed: ${err instanceof Error ? err.message : String(err)}`);
  };
}

class JobController implements Controller {
  readonly name = NAME;
  private readonly jobsLoop: ReconcileLoop;
  private readonly orphanLoop: ReconcileLoop;
  private readonly parts: JobControllerParts;

  constructor(
    private readonly context: ControllerContext,
    private readonly options: JobControllerOptions,
  ) {
    const clock = context.clock;
    const jobs = context.informers.forResource<Job>(JOBS);
    const pods = context.informers.forResource<Pod>(PODS);
    ensurePodIndex(pods);
    const limiter = (): ItemExponentialFailureRateLimiter<string> =>
      new ItemExponentialFailureRateLimiter<string>(options.apiBackoffBaseMs, options.apiBackoffMaxMs);
    this.jobsLoop = new ReconcileLoop({
      name: NAME,
      clock,
      rateLimiter: limiter(),
      maxRetries: Infinity,
      onError: onSyncError(NAME),
      reconcile: (key) => syncJob(this.parts, key),
    });
    this.orphanLoop = new ReconcileLoop({
      name: 'job-orphan-pod',
      clock,
      rateLimiter: limiter(),
      maxRetries: Infinity,
      onError: onSyncError('job-orphan-pod'),
      reconcile: (key) => syncOrphanPod(this.parts, key),
    });
    this.parts = {
      jobs,
      pods,
      jobClient: context.client.resource<Job>(JOBS),
      podClient: context.client.resource<Pod>(PODS),
      recorder: context.recorder(COMPONENT),
      clock,
      expectations: new Expectations(clock),
      finalizerExpectations: new FinalizerExpectations(),
      backoff: new BackoffStore(),
      options,
      requeueAfter: (key, delayMs) => this.jobsLoop.enqueueAfter(splitObjectKey(key), delayMs),
    };
    jobs.addEventHandler({
      onAdd: (job) => this.jobsLoop.enqueue(job),
      onUpdate: (old, cur) => this.jobUpdated(old, cur),
      onDelete: (obj) => {
        this.jobsLoop.enqueue(obj);
        this.cleanupPodFinalizers(unwrap(obj));
      },
    });
    pods.addEventHandler({
      onAdd: (pod) => this.podAdded(pod),
      onUpdate: (old, cur) => this.podUpdated(old, cur),
      onDelete: (obj) => this.podDeleted(unwrap(obj), true),
    });
  }

  async run(signal: AbortSignal): Promise<void> {
    await Promise.all([
      this.jobsLoop.run(signal, this.context.options.concurrentSyncs),
      this.orphanLoop.run(signal, 1),
    ]);
  }

  /** Pod events and status changes of a Job are gathered for syncBatchPeriodMs into one sync. */
  private enqueueBatched(job: Job): void {
    this.jobsLoop.enqueueAfter(splitObjectKey(jobKey(job)), this.options.syncBatchPeriodMs);
  }

  private enqueueOrphan(pod: Pod): void {
    this.orphanLoop.enqueue(pod);
  }

  private jobUpdated(old: Job, cur: Job): void {
    if (old.metadata?.generation === cur.metadata?.generation) this.enqueueBatched(cur);
    else this.jobsLoop.enqueue(cur);
    // A finished Job must not leave finalizers behind (a backup for what its last sync did).
    if (isJobFinished(cur)) this.cleanupPodFinalizers(cur);
    const started = timeMs(cur.status?.startTime);
    const deadline = cur.spec?.activeDeadlineSeconds;
    if (started !== undefined && deadline !== undefined && deadline !== null) {
      if (old.spec?.activeDeadlineSeconds !== deadline) {
        const remaining = deadline * 1000 - (this.context.clock.now() - started);
        this.jobsLoop.enqueueAfter(splitObjectKey(jobKey(cur)), remaining);
      }
    }
  }

  private cleanupPodFinalizers(job: Job): void {
    const uid = job.metadata?.uid;
    if (!uid) return;
    for (const pod of podsControlledBy(this.parts.pods, uid)) {
      if (hasTrackingFinalizer(pod)) this.enqueueOrphan(pod);
    }
  }

  /** The Jobs of the pod's namespace whose selector matches it (for orphans that one may adopt). */
  private jobsSelecting(pod: Pod): Job[] {
    const namespace = pod.metadata?.namespace ?? '';
    return this.parts.jobs.indexer.byIndex('namespace', namespace).filter((job) => {
      try {
        return jobSelector(job).matches(pod.metadata?.labels);
      } catch {
        return false;
      }
    });
  }

  private podAdded(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp) {
      // Seen for the first time already being deleted (after a restart): not a creation.
      this.podDeleted(pod, false);
      return;
    }
    const ref = controllerOf(pod);
    if (ref !== undefined) {
      const job = resolveJob(this.parts, pod.metadata?.namespace ?? '', ref);
      if (job === undefined) return;
      this.parts.expectations.creationObserved(jobKey(job));
      this.enqueueBatched(job);
      return;
    }
    if (hasTrackingFinalizer(pod)) this.enqueueOrphan(pod);
    for (const job of this.jobsSelecting(pod)) this.enqueueBatched(job);
  }

  private podUpdated(old: Pod, cur: Pod): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    if (cur.metadata?.deletionTimestamp) {
      // Graceful deletion started: the Job may act now rather than once the pod is gone.
      this.podDeleted(cur, false);
      return;
    }
    const namespace = cur.metadata?.namespace ?? '';
    const finalizerRemoved = !hasTrackingFinalizer(cur);
    const curRef = controllerOf(cur);
    const oldRef = controllerOf(old);
    const refChanged = !sameRef(curRef, oldRef);
    const touch = (job: Job | undefined): void => {
      if (job === undefined) return;
      if (finalizerRemoved) this.parts.finalizerExpectations.observed(jobKey(job), cur.metadata?.uid ?? '');
      this.enqueueBatched(job);
    };
    if (refChanged && oldRef !== undefined) touch(resolveJob(this.parts, namespace, oldRef));
    if (curRef !== undefined) {
      touch(resolveJob(this.parts, namespace, curRef));
      return;
    }
    if (hasTrackingFinalizer(cur)) this.enqueueOrphan(cur);
    if (!sameLabels(old, cur) || refChanged) for (const job of this.jobsSelecting(cur)) this.enqueueBatched(job);
  }

  /** `final`: the pod is gone (else its deletion has only started). */
  private podDeleted(pod: Pod, final: boolean): void {
    const ref = controllerOf(pod);
    const finalizer = hasTrackingFinalizer(pod);
    if (ref === undefined) {
      // Perhaps a Job's pod whose reference the garbage collector removed.
      if (finalizer) this.enqueueOrphan(pod);
      return;
    }
    const job = resolveJob(this.parts, pod.metadata?.namespace ?? '', ref);
    if (job === undefined || isJobFinished(job)) {
      // No sync will take this finalizer off.
      if (finalizer) this.enqueueOrphan(pod);
      return;
    }
    const key = jobKey(job);
    this.parts.expectations.deletionObserved(key);
    if (final || !finalizer) this.parts.finalizerExpectations.observed(key, pod.metadata?.uid ?? '');
    this.enqueueBatched(job);
  }
}

/** Builds a Job controller with `overrides` of its timings (tests shorten the failure back-off this way). */
export function jobControllerFactory(overrides: Partial<JobControllerOptions> = {}): ControllerFactory {
  return (context) => new JobController(context, { ...DEFAULT_JOB_CONTROLLER_OPTIONS, ...overrides });
}

/** Builds the Job controller with upstream's timings (registers its informer handlers). */
export const newJobController: ControllerFactory = jobControllerFactory();
