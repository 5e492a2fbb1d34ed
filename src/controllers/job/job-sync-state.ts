/**
 * What one sync of a Job works with: the controller's shared parts (caches, clients, expectations, back-off
 * records, timings) and the state gathered for this Job (upstream syncJobCtx). The Job in the state is the
 * sync's own copy, which it changes and writes; cached pods are shared and never changed.
 */
import type { Job } from '../../api/batch/v1/job.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { Clock } from '../../client/clock/clock.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import type { EventRecorder } from '../../client/record/event-recorder.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import type { Expectations } from '../framework/expectations.js';
import type { FinalizerExpectations } from './finalizer-expectations.js';
import type { JobCondition } from './job-api.js';
import type { JobControllerOptions } from './job-controller-options.js';
import type { OrderedIntervals } from './ordered-intervals.js';
import type { BackoffRecord, BackoffStore } from './pod-backoff.js';

export interface JobControllerParts {
  readonly jobs: SharedInformer<Job>;
  readonly pods: SharedInformer<Pod>;
  readonly jobClient: ResourceClient<Job>;
  readonly podClient: ResourceClient<Pod>;
  readonly recorder: EventRecorder;
  readonly clock: Clock;
  /** Pod creations and deletions in flight, per Job key. */
  readonly expectations: Expectations;
  /** Tracking finalizer removals in flight, per Job key. */
  readonly finalizerExpectations: FinalizerExpectations;
  readonly backoff: BackoffStore;
  readonly options: JobControllerOptions;
  /** Syncs the Job of `key` again after `delayMs`. */
  requeueAfter(key: string, delayMs: number): void;
}

export interface SyncJobState {
  readonly key: string;
  /** The sync's copy of the Job; replaced by the server's answer after each status write. */
  job: Job;
  /** The pods the Job owns (after adoption and release). */
  readonly pods: readonly Pod[];
  readonly activePods: readonly Pod[];
  /** The Job's end as decided so far: an interim (FailureTarget, SuccessCriteriaMet) or final condition. */
  finishedCondition: JobCondition | undefined;
  succeeded: number;
  failed: number;
  prevSucceededIndexes: OrderedIntervals;
  succeededIndexes: OrderedIntervals;
  failedIndexes: OrderedIntervals | undefined;
  newBackoffRecord: BackoffRecord;
  /** Pods whose finalizer removal is in flight: already counted. */
  readonly expectedRmFinalizers: ReadonlySet<string>;
  /** status.uncountedTerminatedPods as the sync started. */
  readonly uncounted: { readonly succeeded: ReadonlySet<string>; readonly failed: ReadonlySet<string> };
  podsWithDelayedDeletionPerIndex: Map<number, Pod>;
  terminating: number;
  ready: number;
}
