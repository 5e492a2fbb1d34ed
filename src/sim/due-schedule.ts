/**
 * DueSchedule: "call back with this key at that time" for many keys (every node's heartbeat, every pod whose
 * containers exit later) on one clock timer. A binary heap orders the times; rescheduling a key replaces its
 * time (stale heap entries are skipped when they surface), so thousands of keys cost O(log n) each and never
 * more than one timer.
 */
import type { Clock, Timer } from '../client/index.js';

const MAX_TIMER_MS = 2 ** 30;

interface Entry<K> {
  readonly at: number;
  readonly key: K;
}

export class DueSchedule<K> {
  private heap: Entry<K>[] = [];
  /** Each key's current time; heap entries that disagree are stale. */
  private readonly due = new Map<K, number>();
  private timer: Timer | undefined;
  private timerAt = Infinity;
  private stopped = false;

  /** @param onDue called once per key when its time comes, with that time (not for keys cancelled or
   *   rescheduled since); it may schedule again. */
  constructor(
    private readonly clock: Clock,
    private readonly onDue: (key: K, at: number) => void,
  ) {}

  /** Calls back for `key` at `at` (ms since the epoch), replacing any time it had. Ignored after stop. */
  schedule(key: K, at: number): void {
    if (this.stopped) return;
    this.due.set(key, at);
    this.push({ at, key });
    this.arm();
  }

  /** Forgets `key`'s time. */
  cancel(key: K): void {
    this.due.delete(key);
  }

  /** When `key` is due, if it is. */
  dueAt(key: K): number | undefined {
    return this.due.get(key);
  }

  /** How many keys wait. */
  size(): number {
    return this.due.size;
  }

  /** Cancels everything and the timer; later calls to schedule are ignored. */
  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = undefined;
    this.heap = [];
    this.due.clear();
  }

  private arm(): void {
    this.dropStale();
    const next = this.heap[0]?.at ?? Infinity;
    if (next >= this.timerAt) return;
    this.timer?.cancel();
    this.timerAt = next;
    // Far-off times wait in steps: platform timers overflow past 2^31 ms.
    const delay = Math.min(next - this.clock.now(), MAX_TIMER_MS);
    this.timer = next === Infinity ? undefined : this.clock.setTimer(() => this.fire(), delay);
  }

  private fire(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = this.clock.now();
    const ready: Entry<K>[] = [];
    for (;;) {
      this.dropStale();
      const top = this.heap[0];
      if (top === undefined || top.at > now) break;
      this.pop();
      this.due.delete(top.key);
      ready.push(top);
    }
    for (const { key, at } of ready) this.onDue(key, at);
    if (!this.stopped) this.arm();
  }

  /** Pops heap tops that no longer match their key's time. */
  private dropStale(): void {
    for (;;) {
      const top = this.heap[0];
      if (top === undefined || this.due.get(top.key) === top.at) return;
      this.pop();
    }
  }

  private push(entry: Entry<K>): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as Entry<K>;
      if (p.at <= entry.at) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (last === undefined || heap.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && (heap[right] as Entry<K>).at < (heap[left] as Entry<K>).at ? right : left;
      const c = heap[child] as Entry<K>;
      if (c.at >= last.at) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = last;
  }
}
