import type { WatchEvent } from '../store.js';

/** What {@link EventRing.after} found. */
export interface Replay {
  /** Events in revision order. */
  readonly events: WatchEvent[];
  /** Whether `events` ends at the newest event held, rather than at the limit. */
  readonly complete: boolean;
}

/**
 * The newest events of one feed, in revision order, at most `capacity` of them (older ones are dropped as new
 * ones arrive). Its promise is about `floor`: every event of the feed with a revision above the floor is held.
 * Dropping an event raises the floor to that event's revision, so a revision whose events (etcd can commit
 * several at one revision) are only partly held counts as not held at all.
 */
export class EventRing {
  private events: WatchEvent[] = [];
  /** The index in `events` of the oldest event held; those before it are dropped, awaiting a trim. */
  private start = 0;

  constructor(
    private floorRevision: number,
    private capacity: number,
  ) {}

  /** Every event with a revision above this one (that the feed has received) is held. */
  get floor(): number {
    return this.floorRevision;
  }

  /** Changes how many events are kept, dropping the oldest if there are now too many. */
  retain(capacity: number): void {
    this.capacity = capacity;
    this.dropOverflow();
  }

  /** Appends an event newer than (or at the same revision as) every event held. */
  push(event: WatchEvent): void {
    this.events.push(event);
    this.dropOverflow();
  }

  /**
   * The events held with revisions above `afterRevision`, oldest first: at most `limit` of them, except that
   * the last revision is never split. Only meaningful when `afterRevision >= floor`, otherwise events between
   * the two are missing.
   */
  after(afterRevision: number, limit: number): Replay {
    const events = this.events;
    let low = this.start;
    let high = events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((events[middle]?.revision ?? Infinity) > afterRevision) high = middle;
      else low = middle + 1;
    }
    let end = Math.min(events.length, low + Math.max(limit, 0));
    while (end > low && end < events.length && events[end]?.revision === events[end - 1]?.revision) end++;
    return { events: events.slice(low, end), complete: end === events.length };
  }

  private dropOverflow(): void {
    while (this.events.length - this.start > this.capacity) {
      const dropped = this.events[this.start];
      this.start++;
      if (dropped !== undefined) this.floorRevision = Math.max(this.floorRevision, dropped.revision);
    }
    // Trim the dropped prefix once it is as long as what is held: amortized O(1) per event, memory ≤ 2 × capacity.
    if (this.start > 0 && this.start * 2 >= this.events.length) {
      this.events = this.events.slice(this.start);
      this.start = 0;
    }
  }
}
