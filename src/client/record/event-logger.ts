/**
 * The event logger (upstream eventLogger): remembers, per correlation key, the event last recorded (name,
 * count, first time), so that a repeat becomes a patch of that event's count, last time and message rather
 * than a new event.
 */
import type { Event } from '../../api/core/v1/event.js';
import { eventKey } from './event-keys.js';
import { LruCache } from './lru-cache.js';

/** The merge patch that records a repeat on the stored event. */
export interface EventPatch {
  readonly count: number;
  readonly lastTimestamp: string;
  readonly message: string;
}

/** An event to write: created when `patch` is absent, else patched (and created when it is gone). */
export interface ObservedEvent {
  readonly event: Event;
  readonly patch?: EventPatch;
}

interface EventLog {
  readonly count: number;
  readonly firstTimestamp: string | undefined;
  readonly name: string;
  readonly resourceVersion: string | undefined;
}

export class EventLogger {
  private readonly logs: LruCache<string, EventLog>;

  constructor(cacheSize: number) {
    this.logs = new LruCache(cacheSize);
  }

  /**
   * Records an occurrence of `event` under `key`. A repeat is returned as the earlier event (its name, first
   * time and resourceVersion) with the count one up, and the patch that says so.
   */
  observe(event: Event, key: string): ObservedEvent {
    const last = this.logs.get(key);
    let observed: ObservedEvent;
    if (last !== undefined && last.count > 0) {
      const repeat: Event = {
        ...event,
        metadata: { ...event.metadata, name: last.name, resourceVersion: last.resourceVersion },
        firstTimestamp: last.firstTimestamp,
        count: last.count + 1,
      };
      const patch = { count: last.count + 1, lastTimestamp: repeat.lastTimestamp ?? '', message: repeat.message ?? '' };
      observed = { event: repeat, patch };
    } else {
      observed = { event };
    }
    this.remember(key, observed.event);
    return observed;
  }

  /** Takes in the event as the server stored it (its resourceVersion, count), under its exact key. */
  updateState(event: Event): void {
    this.remember(eventKey(event), event);
  }

  private remember(key: string, event: Event): void {
    this.logs.set(key, {
      count: event.count ?? 0,
      firstTimestamp: event.firstTimestamp,
      name: event.metadata?.name ?? '',
      resourceVersion: event.metadata?.resourceVersion,
    });
  }
}
