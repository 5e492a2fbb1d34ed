/**
 * The preemptions running in the background (upstream Evaluator's `preempting` set, KEP-4832 async
 * preemption): which preemptors wait for their victims' API calls, and which pods those victims are.
 *
 * A preemptor is let go (`onSettled`) once its API calls succeeded and the scheduler has seen each of its
 * victims deleted or terminating — only then does its next cycle's snapshot hold the room it made, so it is
 * neither tried against stale victims nor made to preempt them again. When the scheduler has not seen them go
 * `settleTimeoutMs` after the calls ended, it is let go anyway (its next cycle then finds its victims
 * terminating, or preempts afresh). A failed API call lets it go at once (`onFailed`).
 */
import type { Pod } from '../../api/core/v1/pod.js';
import type { Clock, Timer } from '../../client/clock/clock.js';
import type { PreemptionsInFlight } from '../framework/interfaces.js';
import { podKey } from '../framework/pod-info.js';

export interface InFlightPreemptionsOptions {
  readonly clock: Clock;
  /** The scheduler's informer view of a pod (undefined once it is gone). */
  readonly lookup: (namespace: string, name: string) => Pod | undefined;
  /** A preemption succeeded and its victims are seen gone: try the preemptor again now. */
  readonly onSettled: (preemptor: Pod) => void;
  /** A preemption failed with `message`: its nomination to `nodeName` no longer holds. */
  readonly onFailed: (preemptor: Pod, nodeName: string, message: string) => void;
  /** Default 30 s. */
  readonly settleTimeoutMs?: number;
}

interface Entry {
  readonly id: string;
  readonly preemptor: Pod;
  readonly nodeName: string;
  /** Victims not yet seen gone, by id. */
  readonly waitingFor: Map<string, Pod>;
  callsDone: boolean;
  timer?: Timer;
}

/** A pod's UID, or its namespace/name when it has none (objects built by tests). */
const idOf = (pod: Pod): string => pod.metadata?.uid || podKey(pod);

export class InFlightPreemptions implements PreemptionsInFlight {
  private readonly byPreemptor = new Map<string, Entry>();
  private readonly preemptorOfVictim = new Map<string, string>();
  private readonly settleTimeoutMs: number;
  private calling = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: InFlightPreemptionsOptions) {
    this.settleTimeoutMs = options.settleTimeoutMs ?? 30_000;
  }

  isPreempting(pod: Pod): boolean {
    return this.byPreemptor.has(idOf(pod));
  }

  isVictim(pod: Pod): boolean {
    return this.preemptorOfVictim.has(idOf(pod));
  }

  /** How many preemptors are held. */
  get size(): number {
    return this.byPreemptor.size;
  }

  /**
   * Holds `preemptor` until the returned function is called (at most once counts) and, on success, its
   * victims are seen gone. A preemptor already held is replaced: its earlier preemption no longer counts.
   */
  start(preemptor: Pod, nodeName: string, victims: readonly Pod[]): (failure?: string) => void {
    const id = idOf(preemptor);
    const earlier = this.byPreemptor.get(id);
    if (earlier !== undefined) this.remove(earlier);
    const entry: Entry = { id, preemptor, nodeName, waitingFor: new Map(), callsDone: false };
    for (const victim of victims) {
      const victimId = idOf(victim);
      entry.waitingFor.set(victimId, victim);
      this.preemptorOfVictim.set(victimId, id);
    }
    this.byPreemptor.set(id, entry);
    this.calling++;
    let called = false;
    return (failure) => {
      if (called) return;
      called = true;
      this.calling--;
      if (this.calling === 0) for (const w of this.idleWaiters.splice(0)) w();
      this.callsEnded(entry, failure);
    };
  }

  /** The scheduler saw `pod` deleted or marked for deletion: if it is a victim, it is one fewer to wait for. */
  victimGone(pod: Pod): void {
    const victimId = idOf(pod);
    const owner = this.preemptorOfVictim.get(victimId);
    if (owner === undefined) return;
    this.preemptorOfVictim.delete(victimId);
    const entry = this.byPreemptor.get(owner);
    if (entry === undefined) return;
    entry.waitingFor.delete(victimId);
    if (entry.callsDone && entry.waitingFor.size === 0) this.settle(entry);
  }

  /** Resolves once no preemption's API calls are running. */
  idle(): Promise<void> {
    if (this.calling === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Cancels the settle timers (the scheduler is stopping); held preemptors stay held. */
  close(): void {
    for (const entry of this.byPreemptor.values()) entry.timer?.cancel();
  }

  private callsEnded(entry: Entry, failure: string | undefined): void {
    if (this.byPreemptor.get(entry.id) !== entry) return; // replaced meanwhile
    if (failure !== undefined) {
      this.remove(entry);
      this.options.onFailed(entry.preemptor, entry.nodeName, failure);
      return;
    }
    entry.callsDone = true;
    for (const [victimId, victim] of entry.waitingFor) {
      if (!this.seenGone(victim)) continue;
      entry.waitingFor.delete(victimId);
      this.preemptorOfVictim.delete(victimId);
    }
    if (entry.waitingFor.size === 0) {
      this.settle(entry);
      return;
    }
    entry.timer = this.options.clock.setTimer(() => {
      if (this.byPreemptor.get(entry.id) === entry) this.settle(entry);
    }, this.settleTimeoutMs);
  }

  /** Gone from the informer (or replaced by a namesake), or marked for deletion. */
  private seenGone(victim: Pod): boolean {
    const current = this.options.lookup(victim.metadata?.namespace ?? '', victim.metadata?.name ?? '');
    if (current === undefined) return true;
    return current.metadata?.uid !== victim.metadata?.uid || Boolean(current.metadata?.deletionTimestamp);
  }

  private settle(entry: Entry): void {
    this.remove(entry);
    this.options.onSettled(entry.preemptor);
  }

  private remove(entry: Entry): void {
    entry.timer?.cancel();
    this.byPreemptor.delete(entry.id);
    for (const victimId of entry.waitingFor.keys()) {
      if (this.preemptorOfVictim.get(victimId) === entry.id) this.preemptorOfVictim.delete(victimId);
    }
  }
}
