/**
 * LeaderElector: makes one of several replicas the leader through a lock (a Lease). A candidate takes the
 * lock when it is free or its holder has not renewed it for the lease duration (measured on the candidate's
 * own clock since it last saw the record change, so clock skew between machines does not matter); the
 * leader renews it every retry period and steps down when it cannot renew within the renew deadline.
 */
import { type Clock, realClock, sleep } from '../clock/clock.js';
import { isConflict } from '../rest/error-predicates.js';
import { type LeaderElectionRecord, recordFingerprint } from './leader-election-record.js';
import type { ResourceLock } from './resource-lock.js';

export interface LeaderCallbacks {
  /** Called once leadership is acquired; `signal` aborts when it is lost or the elector stops. */
  onStartedLeading(signal: AbortSignal): void | Promise<void>;
  /** Called once leadership ends (lost or stopped), after the lease was released when configured. */
  onStoppedLeading?(): void;
  /** Called when a different holder is observed (including this candidate itself). */
  onNewLeader?(identity: string): void;
}

export interface LeaderElectionConfig {
  readonly lock: ResourceLock;
  readonly callbacks: LeaderCallbacks;
  /** How long a holder's claim lasts without renewal (default 15 s). */
  readonly leaseDurationMs?: number;
  /** How long the leader keeps trying to renew before it steps down (default 10 s). */
  readonly renewDeadlineMs?: number;
  /** The pause between tries (default 2 s; jittered while acquiring). */
  readonly retryPeriodMs?: number;
  /** Give the lease up when stopped, so that another candidate takes over at once (default true). */
  readonly releaseOnCancel?: boolean;
  readonly clock?: Clock;
  readonly random?: () => number;
  /** Called with failed tries (default: console.warn). */
  readonly onError?: (err: unknown) => void;
}

/** Tries while acquiring are spread over retryPeriod · (1 + 1.2 · random). */
export const JITTER_FACTOR = 1.2;

export class LeaderElector {
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private readonly clock: Clock;
  private readonly random: () => number;
  private observed: LeaderElectionRecord | undefined;
  private observedFingerprint = '';
  /** When (on our clock) the record was last seen to change. */
  private observedTime = 0;
  private reportedLeader = '';

  /** @throws RangeError for durations that cannot work (as upstream checks them). */
  constructor(private readonly config: LeaderElectionConfig) {
    this.leaseDurationMs = config.leaseDurationMs ?? 15_000;
    this.renewDeadlineMs = config.renewDeadlineMs ?? 10_000;
    this.retryPeriodMs = config.retryPeriodMs ?? 2_000;
    this.clock = config.clock ?? realClock;
    this.random = config.random ?? Math.random;
    if (this.leaseDurationMs <= this.renewDeadlineMs) {
      throw new RangeError('leaseDuration must be greater than renewDeadline');
    }
    if (this.renewDeadlineMs <= JITTER_FACTOR * this.retryPeriodMs) {
      throw new RangeError('renewDeadline must be greater than retryPeriod*JitterFactor');
    }
    if (this.retryPeriodMs < 1) throw new RangeError('retryPeriod must be greater than zero');
    if (config.lock.identity === '') throw new RangeError('Lock identity is empty');
  }

  /** Whether this candidate held the lock when it last looked. */
  isLeader(): boolean {
    return this.observed?.holderIdentity === this.config.lock.identity;
  }

  /** The holder last observed ('' for none). */
  getLeader(): string {
    return this.observed?.holderIdentity ?? '';
  }

  /**
   * Contends until leader, leads until leadership is lost or `signal` aborts, then returns (it does not
   * contend again: a component that lost leadership usually exits). Never rejects.
   */
  async run(signal: AbortSignal): Promise<void> {
    if (!(await this.acquire(signal))) return;
    const leading = new AbortController();
    const stop = (): void => leading.abort();
    signal.addEventListener('abort', stop, { once: true });
    try {
      const started = this.config.callbacks.onStartedLeading(leading.signal);
      if (started instanceof Promise) started.catch((err: unknown) => this.report(err));
    } catch (err) {
      this.report(err);
    }
    try {
      await this.renewLoop(signal);
    } finally {
      signal.removeEventListener('abort', stop);
      leading.abort();
      if (signal.aborted && this.config.releaseOnCancel !== false) await this.release();
      try {
        this.config.callbacks.onStoppedLeading?.();
      } catch (err) {
        this.report(err);
      }
    }
  }

  private async acquire(signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      const acquired = await this.tryAcquireOrRenew(signal);
      this.maybeReportTransition();
      if (acquired) return true;
      const wait = this.retryPeriodMs * (1 + JITTER_FACTOR * this.random());
      if (!(await sleep(this.clock, wait, signal))) return false;
    }
    return false;
  }

  /** Renews every retry period; returns when a renewal did not succeed within the deadline, or on abort. */
  private async renewLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const renewed = await this.renewWithinDeadline(signal);
      this.maybeReportTransition();
      if (signal.aborted) return;
      if (!renewed) {
        this.report(
          new Error(`failed to renew lease ${this.config.lock.describe()}: timed out waiting for the condition`),
        );
        return;
      }
      if (!(await sleep(this.clock, this.retryPeriodMs, signal))) return;
    }
  }

  private async renewWithinDeadline(signal: AbortSignal): Promise<boolean> {
    const deadline = this.clock.now() + this.renewDeadlineMs;
    const expiry = new AbortController();
    const timer = this.clock.setTimer(() => expiry.abort(), this.renewDeadlineMs);
    const attempt = AbortSignal.any([signal, expiry.signal]);
    try {
      for (;;) {
        if (await this.tryAcquireOrRenew(attempt)) return true;
        const left = deadline - this.clock.now();
        if (attempt.aborted || left <= 0) return false;
        if (!(await sleep(this.clock, Math.min(this.retryPeriodMs, left), attempt))) return false;
        if (deadline - this.clock.now() <= 0) return false;
      }
    } finally {
      timer.cancel();
    }
  }

  /** One look at the lock: take or renew it if allowed. Resolves whether this candidate holds it now. */
  private async tryAcquireOrRenew(signal: AbortSignal): Promise<boolean> {
    const { lock } = this.config;
    const now = this.clock.now();
    const desired = {
      holderIdentity: lock.identity,
      leaseDurationSeconds: Math.round(this.leaseDurationMs / 1000),
      acquireTime: now,
      renewTime: now,
      leaderTransitions: 0,
    };
    let current: LeaderElectionRecord | undefined;
    try {
      current = await lock.get(signal);
      if (current === undefined) {
        await lock.create(desired, signal);
        this.observe(desired, now);
        return true;
      }
    } catch (err) {
      if (!signal.aborted) this.report(err);
      return false;
    }
    const fingerprint = recordFingerprint(current);
    if (fingerprint !== this.observedFingerprint) this.observe(current, now);
    const heldByOther = current.holderIdentity !== '' && current.holderIdentity !== lock.identity;
    const durationMs = (current.leaseDurationSeconds || this.leaseDurationMs / 1000) * 1000;
    if (heldByOther && this.observedTime + durationMs > now) return false;
    const next: LeaderElectionRecord =
      current.holderIdentity === lock.identity
        ? { ...desired, acquireTime: current.acquireTime, leaderTransitions: current.leaderTransitions }
        : { ...desired, leaderTransitions: current.leaderTransitions + 1 };
    try {
      await lock.update(next, signal);
    } catch (err) {
      if (!signal.aborted && !isConflict(err)) this.report(err);
      return false;
    }
    this.observe(next, now);
    return true;
  }

  /** Gives the lock up (holder '', duration 1 s) if this candidate holds it; bounded by the renew deadline. */
  private async release(): Promise<void> {
    if (!this.isLeader() || this.observed === undefined) return;
    const now = this.clock.now();
    const released: LeaderElectionRecord = {
      holderIdentity: '',
      leaseDurationSeconds: 1,
      acquireTime: now,
      renewTime: now,
      leaderTransitions: this.observed.leaderTransitions,
    };
    const expiry = new AbortController();
    const timer = this.clock.setTimer(() => expiry.abort(), this.renewDeadlineMs);
    const { lock } = this.config;
    try {
      try {
        await lock.update(released, expiry.signal);
      } catch (err) {
        // A renewal cut short by the stop may have landed unseen: re-read, and release if still ours.
        if (!isConflict(err)) throw err;
        const current = await lock.get(expiry.signal);
        if (current?.holderIdentity !== lock.identity) return;
        await lock.update({ ...released, leaderTransitions: current.leaderTransitions }, expiry.signal);
      }
      this.observe(released, now);
    } catch (err) {
      this.report(err);
    } finally {
      timer.cancel();
    }
  }

  private observe(record: LeaderElectionRecord, now: number): void {
    this.observed = record;
    this.observedFingerprint = recordFingerprint(record);
    this.observedTime = now;
  }

  private maybeReportTransition(): void {
    const holder = this.getLeader();
    if (holder === '' || holder === this.reportedLeader) return;
    this.reportedLeader = holder;
    try {
      this.config.callbacks.onNewLeader?.(holder);
    } catch (err) {
      this.report(err);
    }
  }

  private report(err: unknown): void {
    if (this.config.onError) this.config.onError(err);
    else console.warn(`leader election ${this.config.lock.describe()}: ${(err as Error)?.message ?? String(err)}`);
  }
}
