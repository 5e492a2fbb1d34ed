/**
 * Event (events.k8s.io/v1): the newer shape of core/v1 Events. Upstream stores both as one resource
 * (`events`): regarding ↔ involvedObject, note ↔ message, reportingController ↔ reportingComponent,
 * deprecatedSource/FirstTimestamp/LastTimestamp/Count ↔ source/firstTimestamp/lastTimestamp/count.
 */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { int32, microTime, str, time } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { ObjectReference } from '../../core/v1/object-reference.js';
import { EventSource } from '../../core/v1/event.js';

export const EventSeries = struct(
  'io.k8s.api.events.v1.EventSeries',
  {
    count: field(1, int32()),
    lastObservedTime: field(2, microTime()),
  },
  { required: ['count', 'lastObservedTime'] },
);

const EventObject = objectSchema('io.k8s.api.events.v1.Event', {
  eventTime: field(2, microTime()),
  series: field(3, EventSeries),
  reportingController: field(4, str()),
  reportingInstance: field(5, str()),
  action: field(6, str()),
  reason: field(7, str()),
  regarding: field(8, ObjectReference),
  related: field(9, ObjectReference),
  note: field(10, str()),
  type: field(11, str()),
  deprecatedSource: field(12, EventSource),
  deprecatedFirstTimestamp: field(13, time()),
  deprecatedLastTimestamp: field(14, time()),
  deprecatedCount: field(15, int32()),
});
EventObject.required = ['eventTime'];
export const EventSchema = EventObject;
export type Event = Static<typeof EventSchema>;

/** Field selectors of events.k8s.io (upstream maps each to the core field of the shared storage). */
const regarding = (o: Record<string, unknown>, key: keyof NonNullable<Event['regarding']>): string =>
  (o as Event).regarding?.[key] ?? '';

export const EventKind: KindDefinition = {
  group: 'events.k8s.io',
  version: 'v1',
  kind: 'Event',
  plural: 'events',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
  schema: EventSchema,
  selectableFields: {
    'regarding.kind': (o) => regarding(o, 'kind'),
    'regarding.namespace': (o) => regarding(o, 'namespace'),
    'regarding.name': (o) => regarding(o, 'name'),
    'regarding.uid': (o) => regarding(o, 'uid'),
    'regarding.apiVersion': (o) => regarding(o, 'apiVersion'),
    'regarding.resourceVersion': (o) => regarding(o, 'resourceVersion'),
    'regarding.fieldPath': (o) => regarding(o, 'fieldPath'),
    reason: (o) => (o as Event).reason ?? '',
    reportingController: (o) => (o as Event).reportingController ?? '',
    type: (o) => (o as Event).type ?? '',
  },
};
