/**
 * DelayingQueue: a WorkQueue whose items can also be added after a delay (`addAfter`), measured on an
 * injected clock. An item waiting twice keeps the earlier time; once due it is added as by `add`.
 */
import { type Clock, realClock, type Timer } from '../clock/clock.js';
import { WorkQueue } from './work-queue.js';

export class DelayingQueue<T> extends WorkQueue<T> {
  /** When each waiting item is due. */
  private readonly waiting = new Map<T, number>();
  private timer: Timer | undefined;
  private timerAt = Infinity;

  constructor(protected readonly clock: Clock = realClock) {
    super();
  }

  /** Adds `item` once `delayMs` has passed (at once when `delayMs <= 0`). Ignored after shutDown. */
  addAfter(item: T, delayMs: number): void {
    if (this.shuttingDown()) return;
    if (delayMs <= 0) {
      this.add(item);
      return;
    }
    const due = this.clock.now() + delayMs;
    const current = this.waiting.get(item);
    if (current !== undefined && current <= due) return;
    this.waiting.set(item, due);
    this.schedule();
  }

  /** How many items wait for their delay to pass. */
  waitingLen(): number {
    return this.waiting.size;
  }

  override shutDown(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.timerAt = Infinity;
    this.waiting.clear();
    super.shutDown();
  }

  private schedule(): void {
    let next = Infinity;
    for (const due of this.waiting.values()) next = Math.min(next, due);
    if (next === this.timerAt) return;
    this.timer?.cancel();
    this.timerAt = next;
    this.timer = next === Infinity ? undefined : this.clock.setTimer(() => this.release(), next - this.clock.now());
  }

  /** Adds every item that is due, in due order, then waits for the next one. */
  private release(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = this.clock.now();
    const due = [...this.waiting].filter(([, at]) => at <= now).sort(([, a], [, b]) => a - b);
    for (const [item] of due) {
      this.waiting.delete(item);
      this.add(item);
    }
    this.schedule();
  }
}
