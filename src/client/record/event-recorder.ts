/**
 * EventRecorder: reports what a component did to an object as core/v1 Events (upstream record.EventRecorder).
 * Recording never blocks the caller and never throws. Each event first goes through an EventCorrelator
 * (upstream's): similar events about one object are combined, repeats become count patches of the event they
 * repeat, and a source that reports too much about one object is cut off. What is left goes to a bounded
 * queue written in the background by a few concurrent writers (writes to one event one at a time, in order);
 * when the queue is full, events are dropped (as upstream's broadcaster does).
 */
import type { Event } from '../../api/core/v1/event.js';
import { type Clock, realClock } from '../clock/clock.js';
import type { KubeObject } from '../kube-object.js';
import { isNotFound } from '../rest/error-predicates.js';
import type { ResourceClient } from '../rest/resource-client.js';
import type { RestClient } from '../rest/rest-client.js';
import { type EventCorrelation, EventCorrelator, type EventCorrelatorOptions } from './event-correlator.js';
import { eventName, formatEventTime } from './event-keys.js';

export const EventType = { Normal: 'Normal', Warning: 'Warning' } as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

export interface EventRecorder {
  /** Records `reason`/`message` about `object` (which must carry apiVersion/kind or pass them in `ref`). */
  event(object: KubeObject, type: EventType, reason: string, message: string): void;
}

export interface EventRecorderOptions {
  /** Source component, e.g. `default-scheduler`, `deployment-controller`. */
  readonly component: string;
  readonly host?: string;
  readonly clock?: Clock;
  /** Pending events kept at most (default 1,000). */
  readonly queueLimit?: number;
  /** Writes in flight at most (default 4; Infinity: every event is written at once). */
  readonly concurrency?: number;
  /** Tuning of the correlator (upstream's defaults otherwise; the clock is the recorder's). */
  readonly correlator?: Omit<EventCorrelatorOptions, 'clock'>;
}

const EVENTS = { group: '', version: 'v1', resource: 'events', namespaced: true } as const;

type Write = Exclude<EventCorrelation, { skip: true }>;

const writeKey = (w: Write): string => `${w.event.metadata?.namespace ?? ''}/${w.event.metadata?.name ?? ''}`;

export class ApiEventRecorder implements EventRecorder {
  private readonly events: ResourceClient<Event>;
  private readonly clock: Clock;
  private readonly correlator: EventCorrelator;
  private readonly queue: Write[] = [];
  /** The events (namespace/name) being written: a later write to one waits for the earlier. */
  private readonly writing = new Set<string>();
  private idleWaiters: (() => void)[] = [];
  /** Events dropped because the queue was full. */
  dropped = 0;
  /** Events the spam filter dropped. */
  filtered = 0;

  constructor(
    client: RestClient,
    private readonly options: EventRecorderOptions,
  ) {
    this.events = client.resource<Event>(EVENTS);
    this.clock = options.clock ?? realClock;
    this.correlator = new EventCorrelator({ ...options.correlator, clock: this.clock });
  }

  event(object: KubeObject, type: EventType, reason: string, message: string): void {
    const correlation = this.correlator.correlate(this.makeEvent(object, type, reason, message));
    if (correlation.skip) {
      this.filtered++;
      return;
    }
    if (this.queue.length >= (this.options.queueLimit ?? 1000)) {
      this.dropped++;
      return;
    }
    this.queue.push(correlation);
    this.pump();
  }

  /** Resolves once every queued event has been written (or failed). */
  flush(): Promise<void> {
    if (this.writing.size === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    const concurrency = this.options.concurrency ?? 4;
    for (let i = 0; i < this.queue.length && this.writing.size < concurrency;) {
      const write = this.queue[i] as Write;
      const key = writeKey(write);
      if (this.writing.has(key)) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.writing.add(key);
      void this.write(write)
        .catch(() => undefined)
        .finally(() => {
          this.writing.delete(key);
          this.pump();
          if (this.writing.size === 0 && this.queue.length === 0) {
            for (const w of this.idleWaiters.splice(0)) w();
          }
        });
    }
  }

  /** Patches the event a repeat belongs to (creating it when it is gone), or creates a new one. */
  private async write(write: Write): Promise<void> {
    const { event, patch } = write;
    const namespace = event.metadata?.namespace ?? 'default';
    if (patch !== undefined) {
      try {
        this.correlator.updateState(await this.events.patch(namespace, event.metadata?.name ?? '', 'merge', patch));
        return;
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    const { resourceVersion: _, ...metadata } = event.metadata ?? {};
    this.correlator.updateState(await this.events.create(namespace, { ...event, metadata }));
  }

  private makeEvent(object: KubeObject, type: EventType, reason: string, message: string): Event {
    const meta = object.metadata ?? {};
    const now = this.clock.now();
    const time = formatEventTime(now);
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: eventName(meta.name ?? 'object', now), namespace: meta.namespace || 'default' },
      involvedObject: {
        apiVersion: object.apiVersion,
        kind: object.kind,
        namespace: meta.namespace,
        name: meta.name,
        uid: meta.uid,
        resourceVersion: meta.resourceVersion,
      },
      reason,
      message,
      type,
      source: { component: this.options.component, ...(this.options.host ? { host: this.options.host } : {}) },
      firstTimestamp: time,
      lastTimestamp: time,
      count: 1,
      reportingComponent: this.options.component,
      reportingInstance: this.options.host ?? '',
    };
  }
}

/** An EventRecorder that keeps events in memory (tests). */
export class MemoryEventRecorder implements EventRecorder {
  readonly recorded: { object: KubeObject; type: EventType; reason: string; message: string }[] = [];
  event(object: KubeObject, type: EventType, reason: string, message: string): void {
    this.recorded.push({ object, type, reason, message });
  }
}
