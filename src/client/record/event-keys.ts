/**
 * How the event correlator tells events apart (upstream getEventKey, getSpamKey, EventAggregatorByReasonFunc),
 * and how events are named. Key parts are joined with NUL, which no part contains, so distinct events never
 * share a key.
 */
import type { Event } from '../../api/core/v1/event.js';
import { rfc3339 } from '../../machinery/rfc3339.js';

const join = (parts: readonly (string | undefined)[]): string => parts.map((p) => p ?? '').join('\u0000');

function sourceAndObject(event: Event): (string | undefined)[] {
  const o = event.involvedObject ?? {};
  return [event.source?.component, event.source?.host, o.kind, o.namespace, o.name, o.uid, o.apiVersion];
}

/** The identity of one exact event: source, involved object (with its field path), type, reason and message. */
export function eventKey(event: Event): string {
  return join([...sourceAndObject(event), event.involvedObject?.fieldPath, event.type, event.reason, event.message]);
}

/** What the spam filter rations: one source's events about one object. */
export function spamKey(event: Event): string {
  return join(sourceAndObject(event));
}

/**
 * The aggregator's grouping: events that differ only in their message share `aggregateKey`; `localKey` (the
 * message) tells them apart within the group.
 */
export function aggregateKeys(event: Event): { aggregateKey: string; localKey: string } {
  return {
    aggregateKey: join([
      ...sourceAndObject(event),
      event.type,
      event.reason,
      event.reportingComponent,
      event.reportingInstance,
    ]),
    localKey: event.message ?? '',
  };
}

/**
 * A fresh event name for `objectName` at `nowMs`: `<objectName>.<hex>`, the hex being nanoseconds since the
 * epoch as upstream's, with the sub-millisecond digits drawn at random so that events of one object in one
 * millisecond still get distinct names.
 */
export function eventName(objectName: string, nowMs: number, random: () => number = Math.random): string {
  const nanos = BigInt(Math.floor(nowMs)) * 1_000_000n + BigInt(Math.floor(random() * 1_000_000));
  return `${objectName}.${nanos.toString(16)}`;
}

/** `ms` as an RFC 3339 time with whole seconds (metav1.Time). */
export function formatEventTime(ms: number): string {
  return rfc3339(ms);
}
