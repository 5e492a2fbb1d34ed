/**
 * Event printers, for core/v1 Events and events.k8s.io/v1 Events. Both print the same columns: the newer API
 * is read through the field names upstream converts it with (regarding → involvedObject, note → message,
 * deprecatedSource/FirstTimestamp/LastTimestamp/Count → source/firstTimestamp/lastTimestamp/count).
 */
import { has, int, optTime, rec, str } from './accessors.js';
import { NAME, column } from './columns.js';
import { since } from './duration.js';
import { name } from './format.js';
import type { Cell, Printer } from './types.js';

/** Where each column reads from: the core/v1 field names, or their events.k8s.io/v1 equivalents. */
interface EventFields {
  readonly involvedObject: string;
  readonly message: string;
  readonly source: string;
  readonly firstTimestamp: string;
  readonly lastTimestamp: string;
  readonly count: string;
}

const CORE_FIELDS: EventFields = {
  involvedObject: 'involvedObject',
  message: 'message',
  source: 'source',
  firstTimestamp: 'firstTimestamp',
  lastTimestamp: 'lastTimestamp',
  count: 'count',
};

const EVENTS_API_FIELDS: EventFields = {
  involvedObject: 'regarding',
  message: 'note',
  source: 'deprecatedSource',
  firstTimestamp: 'deprecatedFirstTimestamp',
  lastTimestamp: 'deprecatedLastTimestamp',
  count: 'deprecatedCount',
};

/** `component, host`, falling back to reportingController / reportingInstance; host omitted when empty. */
function eventSource(event: unknown, f: EventFields): string {
  const component = str(event, f.source, 'component') || str(event, 'reportingController');
  const host = str(event, f.source, 'host') || str(event, 'reportingInstance');
  return host === '' ? component : `${component}, ${host}`;
}

function eventCells(event: unknown, now: Date, f: EventFields): Cell[] {
  const first = optTime(event, f.firstTimestamp);
  const firstSeen = first !== undefined ? since(first, now) : since(optTime(event, 'eventTime'), now);
  const last = optTime(event, f.lastTimestamp);
  let lastSeen = last !== undefined ? since(last, now) : firstSeen;
  let count = int(event, f.count);
  if (has(event, 'series')) {
    lastSeen = since(optTime(event, 'series', 'lastObservedTime'), now);
    count = int(event, 'series', 'count');
  } else if (count === 0) {
    // Events of the newer API that happened once carry no count.
    count = 1;
  }
  const involved = rec(event, f.involvedObject);
  const kind = str(involved, 'kind').toLowerCase();
  const target = str(involved, 'name') !== '' ? `${kind}/${str(involved, 'name')}` : kind;
  return [
    lastSeen,
    str(event, 'type'),
    str(event, 'reason'),
    target,
    str(involved, 'fieldPath'),
    eventSource(event, f),
    str(event, f.message).trim(),
    firstSeen,
    count,
    name(event),
  ];
}

const EVENT_COLUMNS = [
  column('Last Seen', 'string', 'How long ago the event was last observed.'),
  column('Type', 'string', 'The type of the event: Normal or Warning.'),
  column('Reason', 'string', 'A short, machine-readable reason for the event.'),
  column('Object', 'string', 'The object the event is about, as kind/name.'),
  column('Subobject', 'string', 'The part of the object the event is about (a field path).', { priority: 1 }),
  column('Source', 'string', 'The component, and host, that reported the event.', { priority: 1 }),
  column('Message', 'string', 'A human-readable description of the event.'),
  column('First Seen', 'string', 'How long ago the event was first observed.', { priority: 1 }),
  column('Count', 'string', 'How many times the event has occurred.', { priority: 1 }),
  { ...NAME, priority: 1 },
];

export const eventPrinter: Printer = {
  columns: EVENT_COLUMNS,
  cells: (event, now) => eventCells(event, now, CORE_FIELDS),
};

export const eventsApiEventPrinter: Printer = {
  columns: EVENT_COLUMNS,
  cells: (event, now) => eventCells(event, now, EVENTS_API_FIELDS),
};
