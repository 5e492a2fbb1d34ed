/**
 * The aggregator (upstream EventAggregator): when one source reports more than `maxEvents` - 1 distinct
 * messages with the same reason about one object within `intervalMs` of each other (default 10 in ten minutes),
 * the rest become one combined event, `(combined from similar events): <latest message>`, counted up rather
 * than created anew.
 */
import type { Event } from '../../api/core/v1/event.js';
import { type Clock, realClock } from '../clock/clock.js';
import { aggregateKeys, eventKey, eventName, formatEventTime } from './event-keys.js';
import { LruCache } from './lru-cache.js';

/** Upstream EventAggregatorByReasonMessageFunc's prefix. */
export const COMBINED_MESSAGE_PREFIX = '(combined from similar events): ';

export interface EventAggregatorOptions {
  readonly cacheSize: number;
  readonly maxEvents: number;
  /** How long after the last similar event a group is forgotten. */
  readonly intervalMs: number;
  readonly clock?: Clock;
  /** Random numbers in [0, 1) for event names (tests fix them). */
  readonly random?: () => number;
}

interface AggregateRecord {
  /** The distinct messages seen in the group (at most maxEvents - 1 kept). */
  readonly localKeys: Set<string>;
  lastMs: number;
}

/** The event to record and the key the logger counts its repeats under. */
export interface Aggregated {
  readonly event: Event;
  readonly key: string;
}

export class EventAggregator {
  private readonly records: LruCache<string, AggregateRecord>;
  private readonly clock: Clock;

  constructor(private readonly options: EventAggregatorOptions) {
    this.records = new LruCache(options.cacheSize);
    this.clock = options.clock ?? realClock;
  }

  /**
   * Notes `event` in its group. Below the threshold it is returned as it is, keyed by its exact identity;
   * from the threshold on, a new combined event is returned instead, keyed by the group (so that its repeats
   * count up one event).
   */
  aggregate(event: Event): Aggregated {
    const now = this.clock.now();
    const { aggregateKey, localKey } = aggregateKeys(event);
    let record = this.records.get(aggregateKey);
    if (record === undefined || now - record.lastMs > this.options.intervalMs) {
      record = { localKeys: new Set(), lastMs: now };
    }
    record.localKeys.add(localKey);
    record.lastMs = now;
    this.records.set(aggregateKey, record);
    if (record.localKeys.size < this.options.maxEvents) return { event, key: eventKey(event) };

    // Keep the set below the threshold: every further distinct message lands here again.
    const any = record.localKeys.values().next();
    if (any.done !== true) record.localKeys.delete(any.value);
    const time = formatEventTime(now);
    const combined: Event = {
      ...event,
      metadata: {
        name: eventName(event.involvedObject?.name ?? '', now, this.options.random),
        namespace: event.metadata?.namespace,
      },
      count: 1,
      firstTimestamp: time,
      lastTimestamp: time,
      message: `${COMBINED_MESSAGE_PREFIX}${event.message ?? ''}`,
    };
    return { event: combined, key: aggregateKey };
  }
}
