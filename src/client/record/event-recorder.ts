/**
 * EventRecorder: reports what a component did to an object as core/v1 Events (upstream record.EventRecorder).
 * Recording never blocks the caller and never throws: events go to a bounded queue written in the background
 * by a few concurrent writers; when the queue is full, events are dropped (as upstream's broadcaster does).
 * A repeat of the same event (object, type, reason, message) within ten minutes bumps `count` and
 * `lastTimestamp` of the first one instead of creating another.
 */
import type { Event } from '../../api/core/v1/event.js';
import { type Clock, realClock } from '../clock/clock.js';
import type { KubeObject } from '../kube-object.js';
import type { ResourceClient } from '../rest/resource-client.js';
import type { RestClient } from '../rest/rest-client.js';

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
  /** Writes in flight at most (default 4). */
  readonly concurrency?: number;
}

const EVENTS = { group: '', version: 'v1', resource: 'events', namespaced: true } as const;
const REPEAT_WINDOW_MS = 10 * 60 * 1000;

interface Recorded {
  readonly name: string;
  readonly namespace: string;
  count: number;
  readonly firstMs: number;
}

export class ApiEventRecorder implements EventRecorder {
  private readonly events: ResourceClient<Event>;
  private readonly clock: Clock;
  private readonly queue: (() => Promise<void>)[] = [];
  private readonly recent = new Map<string, Recorded>();
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  dropped = 0;

  constructor(
    client: RestClient,
    private readonly options: EventRecorderOptions,
  ) {
    this.events = client.resource<Event>(EVENTS);
    this.clock = options.clock ?? realClock;
  }

  event(object: KubeObject, type: EventType, reason: string, message: string): void {
    if (this.queue.length >= (this.options.queueLimit ?? 1000)) {
      this.dropped++;
      return;
    }
    this.queue.push(() => this.write(object, type, reason, message));
    this.pump();
  }

  /** Resolves once every queued event has been written (or failed). */
  flush(): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.inFlight < (this.options.concurrency ?? 4) && this.queue.length > 0) {
      const job = this.queue.shift() as () => Promise<void>;
      this.inFlight++;
      void job()
        .catch(() => undefined)
        .finally(() => {
          this.inFlight--;
          this.pump();
          if (this.inFlight === 0 && this.queue.length === 0) {
            for (const w of this.idleWaiters.splice(0)) w();
          }
        });
    }
  }

  private async write(object: KubeObject, type: EventType, reason: string, message: string): Promise<void> {
    const meta = object.metadata ?? {};
    const namespace = meta.namespace || 'default';
    const now = this.clock.now();
    const nowText = new Date(now).toISOString().replace(/\.\d+Z$/, 'Z');
    const key = [meta.uid ?? '', object.kind ?? '', meta.namespace ?? '', meta.name ?? '', type, reason, message].join(
      '\u0000',
    );
    const seen = this.recent.get(key);
    if (seen !== undefined && now - seen.firstMs < REPEAT_WINDOW_MS) {
      try {
        await this.events.patch(seen.namespace, seen.name, 'merge', { count: seen.count + 1, lastTimestamp: nowText });
        seen.count++;
        return;
      } catch {
        this.recent.delete(key); // gone (or never made it): record it afresh below
      }
    }
    if (this.recent.size > 4096) this.recent.clear();
    const name = `${meta.name ?? 'object'}.${(now * 1000 + Math.floor(Math.random() * 1000)).toString(16)}`;
    const event: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
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
      firstTimestamp: nowText,
      lastTimestamp: nowText,
      count: 1,
      reportingComponent: this.options.component,
      reportingInstance: this.options.host ?? '',
    };
    await this.events.create(namespace, event);
    this.recent.set(key, { name, namespace, count: 1, firstMs: now });
  }
}

/** An EventRecorder that keeps events in memory (tests). */
export class MemoryEventRecorder implements EventRecorder {
  readonly recorded: { object: KubeObject; type: EventType; reason: string; message: string }[] = [];
  event(object: KubeObject, type: EventType, reason: string, message: string): void {
    this.recorded.push({ object, type, reason, message });
  }
}
