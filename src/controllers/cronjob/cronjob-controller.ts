/**
 * The CronJob controller (upstream `cronjob`, its v2 design): each CronJob is synced when it or one of its
 * Jobs changes, and again just after its next activation (a delayed requeue on the context's clock, so a
 * FakeClock drives it in tests). A changed schedule or time zone requeues for the new schedule's next
 * activation; an unparseable one is reported once (UnParseableCronJobSchedule).
 */
import type { CronJob } from '../../api/batch/v1/cron-job.js';
import type { Job } from '../../api/batch/v1/job.js';
import { DeletedFinalStateUnknown } from '../../client/informers/object-key.js';
import { EventType } from '../../client/record/event-recorder.js';
import { isConflict } from '../../client/rest/error-predicates.js';
import type { Controller, ControllerContext, ControllerFactory } from '../framework/controller.js';
import { controllerOf, type OwnerReference } from '../framework/owner-references.js';
import { ReconcileLoop } from '../framework/reconcile-loop.js';
import { CRON_JOB_KIND, CRON_JOBS, CronJobEventReason, JOBS, withCronJobTypeMeta } from './cronjob-api.js';
import { ensureCronJobIndex } from './cronjob-job-index.js';
import { parseCronJobSchedule, scheduleState } from './cronjob-schedule.js';
import type { CronJobControllerParts } from './cronjob-parts.js';
import { syncCronJob } from './cronjob-sync.js';
import { nextScheduleDelayMs } from './schedule-times.js';
import { TimeZone } from './time-zone.js';

export const NAME = 'cronjob';
/** The event source of the CronJob controller. */
export const COMPONENT = 'cronjob-controller';

export interface CronJobControllerOptions {
  /** The zone of schedules without spec.timeZone (default `Local`: this process's zone, as upstream). */
  readonly localTimeZone: string;
}

const unwrap = <T>(obj: T | DeletedFinalStateUnknown<T>): T =>
  obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;

const sameRef = (a: OwnerReference | undefined, b: OwnerReference | undefined): boolean =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

class CronJobController implements Controller {
  readonly name = NAME;
  private readonly loop: ReconcileLoop;
  private readonly parts: CronJobControllerParts;

  constructor(
    private readonly context: ControllerContext,
    options: CronJobControllerOptions,
  ) {
    const cronJobs = context.informers.forResource<CronJob>(CRON_JOBS);
    const jobs = context.informers.forResource<Job>(JOBS);
    ensureCronJobIndex(jobs);
    this.parts = {
      cronJobs,
      jobs,
      cronJobClient: context.client.resource<CronJob>(CRON_JOBS),
      jobClient: context.client.resource<Job>(JOBS),
      recorder: context.recorder(COMPONENT),
      clock: context.clock,
      localZone: TimeZone.load(options.localTimeZone) ?? TimeZone.UTC,
    };
    this.loop = new ReconcileLoop({
      name: NAME,
      clock: context.clock,
      maxRetries: Infinity,
      onError: (key, err) => {
        if (isConflict(err)) return;
        console.warn(`${NAME}: syncing ${key} failed: ${err instanceof Error ? err.message : String(err)}`);
      },
      reconcile: (key) => syncCronJob(this.parts, key),
    });
    cronJobs.addEventHandler({
      onAdd: (cj) => this.loop.enqueue(cj),
      onUpdate: (old, cur) => this.cronJobUpdated(old, cur),
      onDelete: (obj) => this.loop.enqueue(obj),
    });
    jobs.addEventHandler({
      onAdd: (job) => this.enqueueOwner(job),
      onUpdate: (old, cur) => {
        if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
        const oldRef = controllerOf(old);
        if (oldRef !== undefined && !sameRef(oldRef, controllerOf(cur))) this.enqueueOwner(old);
        this.enqueueOwner(cur);
      },
      onDelete: (obj) => this.enqueueOwner(unwrap(obj)),
    });
  }

  run(signal: AbortSignal): Promise<void> {
    return this.loop.run(signal, this.context.options.concurrentSyncs);
  }

  /** Queues the CronJob controlling `job`, if it is cached and the same object. */
  private enqueueOwner(job: Job): void {
    const ref = controllerOf(job);
    if (ref === undefined || ref.kind !== CRON_JOB_KIND) return;
    const namespace = job.metadata?.namespace ?? '';
    const cj = this.parts.cronJobs.indexer.getByKey(`${namespace}/${ref.name}`);
    if (cj?.metadata?.uid === ref.uid) this.loop.enqueue(cj);
  }

  private cronJobUpdated(old: CronJob, cur: CronJob): void {
    if (old.spec?.schedule === cur.spec?.schedule && (old.spec?.timeZone ?? null) === (cur.spec?.timeZone ?? null)) {
      this.loop.enqueue(cur);
      return;
    }
    const parsed = parseCronJobSchedule(cur, this.parts.localZone);
    if (!parsed.ok) {
      this.parts.recorder.event(
        withCronJobTypeMeta(cur),
        EventType.Warning,
        CronJobEventReason.UnParseableCronJobSchedule,
        `unparseable schedule for cronjob: ${cur.spec?.schedule ?? ''}`,
      );
      return;
    }
    const delay = nextScheduleDelayMs(scheduleState(cur), this.context.clock.now(), parsed.schedule);
    const key = { namespace: cur.metadata?.namespace ?? '', name: cur.metadata?.name ?? '' };
    if (delay !== undefined) this.loop.enqueueAfter(key, delay);
  }
}

/** Builds a CronJob controller with `overrides` of its options. */
export function cronJobControllerFactory(overrides: Partial<CronJobControllerOptions> = {}): ControllerFactory {
  return (context) => new CronJobController(context, { localTimeZone: 'Local', ...overrides });
}

/** Builds the CronJob controller (registers its informer handlers). */
export const newCronJobController: ControllerFactory = cronJobControllerFactory();
