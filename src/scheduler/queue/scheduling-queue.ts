/**
 * The scheduling queue (upstream PriorityQueue): three places a pending pod can wait.
 * - activeQ: pods ready to be tried, ordered by the profile's QueueSort (priority, then arrival).
 * - backoffQ: pods that failed recently, ordered by when their backoff ends (1 s doubling per attempt up to
 *   10 s); a timer moves them to activeQ once it has.
 * - unschedulable: pods no node could take; a cluster event that one of the plugins that rejected a pod
 *   registered moves it back (to backoffQ while still backing off, else activeQ). Pods held by a PreEnqueue
 *   plugin (scheduling gates) wait here too until an update lets them in. Leftovers are retried after 5 min.
 * A failure that happens after an event arrived during its own cycle goes to backoffQ, not unschedulable,
 * so the event is not lost.
 * Every way into activeQ passes PreEnqueue, which also holds preemptors whose preemption is still running
 * (upstream DefaultPreemption's PreEnqueue): `activate` lets such a pod in once it is done, `backoff` retries
 * it later when it failed.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import { type Clock, realClock, type Timer } from '../../client/clock/clock.js';
import { type ClusterEvent, eventMatches, type ObservedEvent, QueueingHint } from '../framework/cluster-event.js';
import type { QueuedPodInfo } from '../framework/interfaces.js';
import { newPodInfo, podKey } from '../framework/pod-info.js';
import type { Status } from '../framework/status.js';
import { KeyedHeap } from './heap.js';
import { Nominator } from './nominator.js';

export interface SchedulingQueueOptions {
  /** The QueueSort order (PrioritySort's less by default). */
  readonly less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean;
  /** Runs the pod's profile's PreEnqueue plugins; a non-success status (with its plugin) holds the pod. */
  readonly preEnqueue?: (pod: Pod) => Status;
  /** The cluster events a plugin registered (EnqueueExtensions). */
  readonly eventsOf?: (plugin: string) => readonly ClusterEvent[];
  readonly clock?: Clock;
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Unschedulable pods waiting longer than this are retried anyway (default 5 min). */
  readonly maxInUnschedulableMs?: number;
  /** Preemptions in flight: their preemptors are held as gated by DefaultPreemption. */
  readonly preemptions?: { isPreempting(pod: Pod): boolean };
}

/** The gate name of a preemptor held while its preemption runs (upstream's gating plugin). */
export const PREEMPTION_GATE = 'DefaultPreemption';

export interface PendingCounts {
  readonly active: number;
  readonly backoff: number;
  readonly unschedulable: number;
  readonly gated: number;
}

const keyOf = (q: QueuedPodInfo): string => q.podInfo.key;

export class SchedulingQueue {
  readonly nominator = new Nominator();
  private readonly clock: Clock;
  private readonly activeQ: KeyedHeap<QueuedPodInfo>;
  private readonly backoffQ: KeyedHeap<QueuedPodInfo>;
  private readonly unschedulable = new Map<string, QueuedPodInfo>();
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private cycle = 0;
  private moveRequestCycle = -1;
  private waiters: ((q: QueuedPodInfo | undefined) => void)[] = [];
  /** What to do with a pod activated or backed off while in a scheduling cycle, once the cycle puts it back. */
  private readonly onReturn = new Map<string, 'activate' | 'backoff'>();
  private timers: Timer[] = [];
  private closed = false;

  constructor(private readonly options: SchedulingQueueOptions) {
    this.clock = options.clock ?? realClock;
    this.initialBackoffMs = options.initialBackoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
    this.activeQ = new KeyedHeap(keyOf, options.less);
    this.backoffQ = new KeyedHeap(keyOf, (a, b) => this.backoffEnd(a) < this.backoffEnd(b));
  }

  /** Starts the timers that flush backoffQ (every second) and old unschedulable pods (every 30 s). */
  run(): void {
    this.timers.push(every(this.clock, 1000, () => this.flushBackoff()));
    this.timers.push(every(this.clock, 30_000, () => this.flushUnschedulableLeftover()));
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) t.cancel();
    this.timers = [];
    for (const w of this.waiters.splice(0)) w(undefined);
  }

  /** The number of scheduling cycles started so far (a pop starts one). */
  schedulingCycle(): number {
    return this.cycle;
  }

  /** A new pending pod. */
  add(pod: Pod): void {
    const key = podKey(pod);
    this.backoffQ.delete(key);
    this.unschedulable.delete(key);
    this.onReturn.delete(key);
    const now = this.clock.now();
    const qpi: QueuedPodInfo = {
      podInfo: newPodInfo(pod),
      timestamp: now,
      initialAttemptTimestamp: now,
      attempts: 0,
      unschedulablePlugins: new Set(),
      gatedBy: '',
    };
    this.nominator.add(pod);
    this.enqueue(qpi);
  }

  /** A pending pod changed: it is re-examined (gates may have gone) and tried again if it was waiting. */
  update(oldPod: Pod, newPod: Pod): void {
    const key = podKey(newPod);
    this.nominator.update(oldPod, newPod);
    const inActive = this.activeQ.get(key);
    if (inActive !== undefined) {
      inActive.podInfo = newPodInfo(newPod);
      this.activeQ.push(inActive);
      return;
    }
    const inBackoff = this.backoffQ.get(key);
    if (inBackoff !== undefined) {
      inBackoff.podInfo = newPodInfo(newPod);
      this.backoffQ.push(inBackoff);
      return;
    }
    const waiting = this.unschedulable.get(key);
    if (waiting !== undefined) {
      waiting.podInfo = newPodInfo(newPod);
      if (waiting.gatedBy !== '' || podUpdated(oldPod, newPod)) {
        this.unschedulable.delete(key);
        this.requeue(waiting);
      }
      return;
    }
    this.add(newPod);
  }

  /** A pending pod was deleted or scheduled by someone else. */
  delete(pod: Pod): void {
    const key = podKey(pod);
    this.nominator.delete(pod);
    this.activeQ.delete(key);
    this.backoffQ.delete(key);
    this.unschedulable.delete(key);
    this.onReturn.delete(key);
  }

  /** Whether the queue holds the pod anywhere. */
  has(pod: Pod): boolean {
    const key = podKey(pod);
    return this.activeQ.has(key) || this.backoffQ.has(key) || this.unschedulable.has(key);
  }

  /** The next pod to schedule; waits while activeQ is empty; undefined once closed. */
  pop(): Promise<QueuedPodInfo | undefined> {
    const next = this.take();
    if (next !== undefined || this.closed) return Promise.resolve(next);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Puts back a pod whose attempt (started in `podCycle`) failed. It goes to unschedulable, unless an event
   * arrived since its cycle began (then backoffQ), or it failed with an error (no rejecting plugins: backoffQ).
   */
  addUnschedulable(qpi: QueuedPodInfo, podCycle: number): void {
    const key = keyOf(qpi);
    if (this.activeQ.has(key) || this.backoffQ.has(key) || this.unschedulable.has(key)) return;
    qpi.timestamp = this.clock.now();
    const onReturn = this.onReturn.get(key);
    if (onReturn !== undefined) {
      this.onReturn.delete(key);
      if (onReturn === 'activate') this.enqueue(qpi);
      else this.backoffQ.push(qpi);
      return;
    }
    if (this.moveRequestCycle >= podCycle || qpi.unschedulablePlugins.size === 0) {
      this.backoffQ.push(qpi);
    } else {
      this.unschedulable.set(key, qpi);
    }
  }

  /**
   * Moves `pod` from unschedulable (gated or not) or backoffQ to activeQ, through PreEnqueue (upstream
   * Activate). A pod held nowhere is taken to be in a scheduling cycle: it goes to activeQ when the cycle puts
   * it back. Call it only for pods still pending.
   */
  activate(pod: Pod): void {
    const key = podKey(pod);
    if (this.activeQ.has(key)) return;
    const qpi = this.takeWaiting(key);
    if (qpi === undefined) this.onReturn.set(key, 'activate');
    else this.enqueue(qpi);
  }

  /**
   * Moves `pod` to backoffQ, its backoff counted from now (a failed asynchronous preemption); as with
   * `activate`, a pod in a scheduling cycle goes there when the cycle puts it back. A pod in activeQ stays.
   */
  backoff(pod: Pod): void {
    const key = podKey(pod);
    if (this.activeQ.has(key)) return;
    const qpi = this.takeWaiting(key);
    if (qpi === undefined) {
      this.onReturn.set(key, 'backoff');
      return;
    }
    qpi.timestamp = this.clock.now();
    qpi.gatedBy = '';
    this.backoffQ.push(qpi);
  }

  /** A cluster event: unschedulable pods that a rejecting plugin said it could help go back. */
  onEvent(event: ObservedEvent): void {
    this.moveRequestCycle = this.cycle;
    const moving: QueuedPodInfo[] = [];
    for (const qpi of this.unschedulable.values()) {
      if (qpi.gatedBy === '' && this.eventHelps(qpi, event)) moving.push(qpi);
    }
    for (const qpi of moving) {
      this.unschedulable.delete(keyOf(qpi));
      this.requeue(qpi);
    }
  }

  counts(): PendingCounts {
    let gated = 0;
    for (const q of this.unschedulable.values()) if (q.gatedBy !== '') gated++;
    return {
      active: this.activeQ.size,
      backoff: this.backoffQ.size,
      unschedulable: this.unschedulable.size - gated,
      gated,
    };
  }

  /** Every pending pod (for tests and the nominated-pod bookkeeping). */
  pendingPods(): Pod[] {
    return [...this.activeQ.values(), ...this.backoffQ.values(), ...this.unschedulable.values()].map(
      (q) => q.podInfo.pod,
    );
  }

  /** Moves pods whose backoff ended to activeQ (the 1 s timer calls this; tests may too). */
  flushBackoff(): void {
    const now = this.clock.now();
    for (;;) {
      const head = this.backoffQ.peek();
      if (head === undefined || this.backoffEnd(head) > now) return;
      this.backoffQ.pop();
      this.enqueue(head);
    }
  }

  /** Retries pods that stayed unschedulable longer than the limit (the 30 s timer calls this). */
  flushUnschedulableLeftover(): void {
    const now = this.clock.now();
    const limit = this.options.maxInUnschedulableMs ?? 300_000;
    for (const [key, qpi] of [...this.unschedulable]) {
      if (qpi.gatedBy === '' && now - qpi.timestamp > limit) {
        this.unschedulable.delete(key);
        this.requeue(qpi);
      }
    }
  }

  private enqueue(qpi: QueuedPodInfo): void {
    if (this.options.preemptions?.isPreempting(qpi.podInfo.pod)) {
      qpi.gatedBy = PREEMPTION_GATE;
      this.unschedulable.set(keyOf(qpi), qpi);
      return;
    }
    const status = this.options.preEnqueue?.(qpi.podInfo.pod);
    if (status !== undefined && !status.isSuccess()) {
      qpi.gatedBy = status.plugin || 'PreEnqueue';
      this.unschedulable.set(keyOf(qpi), qpi);
      return;
    }
    qpi.gatedBy = '';
    this.pushActive(qpi);
  }

  /** Back to backoffQ while backing off, else through PreEnqueue to activeQ. */
  private requeue(qpi: QueuedPodInfo): void {
    if (qpi.gatedBy === '' && qpi.attempts > 0 && this.backoffEnd(qpi) > this.clock.now()) {
      this.backoffQ.push(qpi);
      return;
    }
    this.enqueue(qpi);
  }

  /** Takes the pod out of unschedulable or backoffQ. */
  private takeWaiting(key: string): QueuedPodInfo | undefined {
    const waiting = this.unschedulable.get(key);
    if (waiting !== undefined) {
      this.unschedulable.delete(key);
      return waiting;
    }
    return this.backoffQ.delete(key);
  }

  private pushActive(qpi: QueuedPodInfo): void {
    const waiter = this.waiters.shift();
    if (waiter !== undefined) {
      this.cycle++;
      qpi.attempts++;
      waiter(qpi);
      return;
    }
    this.activeQ.push(qpi);
  }

  private take(): QueuedPodInfo | undefined {
    const qpi = this.activeQ.pop();
    if (qpi === undefined) return undefined;
    this.cycle++;
    qpi.attempts++;
    return qpi;
  }

  private backoffEnd(qpi: QueuedPodInfo): number {
    const exponent = Math.max(0, qpi.attempts - 1);
    const duration = Math.min(this.initialBackoffMs * 2 ** Math.min(exponent, 30), this.maxBackoffMs);
    return qpi.timestamp + duration;
  }

  private eventHelps(qpi: QueuedPodInfo, event: ObservedEvent): boolean {
    if (qpi.unschedulablePlugins.size === 0) return true;
    const eventsOf = this.options.eventsOf;
    if (eventsOf === undefined) return true;
    for (const plugin of qpi.unschedulablePlugins) {
      for (const registered of eventsOf(plugin)) {
        if (!eventMatches(registered, event)) continue;
        if (registered.hint === undefined) return true;
        if (registered.hint(qpi.podInfo.pod, event.oldObj, event.newObj) === QueueingHint.Queue) return true;
      }
    }
    return false;
  }
}

/**
 * Whether an update changed more than the pod's status and bookkeeping (upstream isPodUpdated: it ignores
 * status, resourceVersion, generation, managedFields and finalizers).
 */
function podUpdated(oldPod: Pod, newPod: Pod): boolean {
  const strip = (p: Pod): unknown => {
    const { resourceVersion: _rv, generation: _g, managedFields: _mf, finalizers: _f, ...meta } = p.metadata ?? {};
    return { ...p, metadata: meta, status: undefined };
  };
  return JSON.stringify(strip(oldPod)) !== JSON.stringify(strip(newPod));
}

/** Runs `fn` every `periodMs` on `clock` until cancelled. */
function every(clock: Clock, periodMs: number, fn: () => void): Timer {
  let current: Timer | undefined;
  let cancelled = false;
  const arm = (): void => {
    current = clock.setTimer(() => {
      if (cancelled) return;
      fn();
      arm();
    }, periodMs);
  };
  arm();
  return {
    cancel: () => {
      cancelled = true;
      current?.cancel();
    },
  };
}
