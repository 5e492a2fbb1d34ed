/**
 * ReconcileLoop: the level-based worker pool every queue-driven controller uses. Informer handlers `enqueue`
 * object keys; `workers` concurrent workers take keys off a rate-limited queue (per-item exponential backoff
 * 5 ms → 1000 s plus an overall 10 qps / 100 burst bucket, as upstream's default controller rate limiter) and
 * call `reconcile({namespace, name})`. A key is never reconciled by two workers at once; a key added while it
 * is being reconciled runs again afterwards. A thrown error requeues the key with backoff; a returned
 * `requeueAfterMs` schedules a later look; success forgets the key's backoff.
 */
import type { Clock } from '../../client/clock/clock.js';
import { realClock } from '../../client/clock/clock.js';
import {
  type DeletedFinalStateUnknown,
  deletionHandlingKey,
  splitObjectKey,
} from '../../client/informers/object-key.js';
import type { KubeObject } from '../../client/kube-object.js';
import { defaultControllerRateLimiter, type RateLimiter } from '../../client/workqueue/rate-limiters.js';
import { RateLimitingQueue } from '../../client/workqueue/rate-limiting-queue.js';

export interface ObjectName {
  /** '' for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
}

export interface ReconcileResult {
  /** Look at the key again after this long (e.g. when a time-based condition will change). */
  readonly requeueAfterMs?: number;
}

export type Reconcile = (key: ObjectName) => Promise<ReconcileResult | void>;

export interface ReconcileLoopOptions {
  readonly name: string;
  readonly reconcile: Reconcile;
  readonly clock?: Clock;
  readonly rateLimiter?: RateLimiter<string>;
  /** Called with errors reconcile threw (default: console.warn, throttled per key by the backoff). */
  readonly onError?: (key: string, err: unknown) => void;
  /** Retries after which a key is dropped (it comes back with its next informer event). Default 15. */
  readonly maxRetries?: number;
}

export class ReconcileLoop {
  readonly queue: RateLimitingQueue<string>;
  private readonly maxRetries: number;

  constructor(private readonly options: ReconcileLoopOptions) {
    const clock = options.clock ?? realClock;
    this.queue = new RateLimitingQueue<string>(options.rateLimiter ?? defaultControllerRateLimiter(clock), clock);
    this.maxRetries = options.maxRetries ?? 15;
  }

  /** Queues `namespace/name` (or `name`) of `obj`; tombstones from deletions are handled. */
  enqueue(obj: KubeObject | DeletedFinalStateUnknown<KubeObject>): void {
    this.queue.add(deletionHandlingKey(obj));
  }

  /** Queues a key directly. */
  enqueueKey(key: ObjectName): void {
    this.queue.add(key.namespace === '' ? key.name : `${key.namespace}/${key.name}`);
  }

  /** Queues a key after `delayMs`. */
  enqueueAfter(key: ObjectName, delayMs: number): void {
    this.queue.addAfter(key.namespace === '' ? key.name : `${key.namespace}/${key.name}`, delayMs);
  }

  /** Runs `workers` workers until `signal` aborts; then drains nothing more and resolves when they stop. */
  async run(signal: AbortSignal, workers: number): Promise<void> {
    const stop = (): void => this.queue.shutDown();
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
    await Promise.all(Array.from({ length: Math.max(1, workers) }, () => this.worker()));
  }

  private async worker(): Promise<void> {
    for (;;) {
      const next = await this.queue.get();
      if (next.shutdown) return;
      const key = next.item;
      try {
        const result = await this.options.reconcile(splitObjectKey(key));
        this.queue.forget(key);
        if (result?.requeueAfterMs !== undefined && !this.queue.shuttingDown()) {
          this.queue.addAfter(key, Math.max(0, result.requeueAfterMs));
        }
      } catch (err) {
        if (this.queue.numRequeues(key) < this.maxRetries) this.queue.addRateLimited(key);
        else this.queue.forget(key);
        (this.options.onError ?? defaultOnError(this.options.name))(key, err);
      } finally {
        this.queue.done(key);
      }
    }
  }
}

function defaultOnError(controller: string): (key: string, err: unknown) => void {
  return (key, err) => {
    const message = err instanceof Error ? err.message : String(err);
    console.warn(`${controller}: syncing ${key} failed: ${message}`);
  };
}
