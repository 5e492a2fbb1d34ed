/**
 * The event correlator (upstream EventCorrelator): what an event recorder does with each event before it
 * writes: aggregate it with similar ones (EventAggregator), turn a repeat into a count patch (EventLogger), and
 * drop it when its source has reported too much about the object (EventSpamFilter). With the defaults a
 * controller creating 1,000 pods for one ReplicaSet writes about 25 events for them, not 1,000.
 */
import type { Event } from '../../api/core/v1/event.js';
import { type Clock, realClock } from '../clock/clock.js';
import { EventAggregator } from './event-aggregator.js';
import { EventLogger, type ObservedEvent } from './event-logger.js';
import { EventSpamFilter } from './event-spam-filter.js';

/** Upstream's defaults (events_cache.go). */
export const CORRELATOR_DEFAULTS = {
  cacheSize: 4096,
  spamBurst: 25,
  spamQps: 1 / 300,
  aggregateMaxEvents: 10,
  aggregateIntervalMs: 600_000,
} as const;

export interface EventCorrelatorOptions {
  readonly clock?: Clock;
  /** Entries of each LRU cache. */
  readonly cacheSize?: number;
  /** Events a source may report about one object at once. */
  readonly spamBurst?: number;
  /** Events per second the ration refills with. */
  readonly spamQps?: number;
  /** Distinct messages of one reason about one object after which they are combined. */
  readonly aggregateMaxEvents?: number;
  /** The window similar events must fall in to be combined. */
  readonly aggregateIntervalMs?: number;
  /** Random numbers in [0, 1) for the names of combined events. */
  readonly random?: () => number;
}

/** Drop the event, or write it (see ObservedEvent). */
export type EventCorrelation = { readonly skip: true } | ({ readonly skip: false } & ObservedEvent);

export class EventCorrelator {
  private readonly aggregator: EventAggregator;
  private readonly logger: EventLogger;
  private readonly spamFilter: EventSpamFilter;

  constructor(options: EventCorrelatorOptions = {}) {
    const clock = options.clock ?? realClock;
    const cacheSize = options.cacheSize ?? CORRELATOR_DEFAULTS.cacheSize;
    this.aggregator = new EventAggregator({
      cacheSize,
      maxEvents: options.aggregateMaxEvents ?? CORRELATOR_DEFAULTS.aggregateMaxEvents,
      intervalMs: options.aggregateIntervalMs ?? CORRELATOR_DEFAULTS.aggregateIntervalMs,
      clock,
      ...(options.random === undefined ? {} : { random: options.random }),
    });
    this.logger = new EventLogger(cacheSize);
    this.spamFilter = new EventSpamFilter({
      cacheSize,
      burst: options.spamBurst ?? CORRELATOR_DEFAULTS.spamBurst,
      qps: options.spamQps ?? CORRELATOR_DEFAULTS.spamQps,
      clock,
    });
  }

  /**
   * Decides what to write for a newly reported `event`: skip it, create it (or the combined event standing for
   * it), or patch the event it repeats. Repeats are counted even when the spam filter drops them, so the next
   * write carries the true count.
   */
  correlate(event: Event): EventCorrelation {
    const aggregated = this.aggregator.aggregate(event);
    const observed = this.logger.observe(aggregated.event, aggregated.key);
    if (this.spamFilter.filter(observed.event)) return { skip: true };
    return { skip: false, ...observed };
  }

  /** Takes in an event as the server stored it after a create or patch. */
  updateState(event: Event): void {
    this.logger.updateState(event);
  }
}
