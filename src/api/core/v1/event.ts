/**
 * Event (core/v1): a report of something that happened to an object. Events are stored with a time to live
 * (the registry's concern); the events.k8s.io/v1 API serves the same objects under newer field names.
 */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { int32, microTime, str, time } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { ObjectReference } from './references.js';

export const EventSource = struct('io.k8s.api.core.v1.EventSource', {
  component: field(1, str()),
  host: field(2, str()),
});

export const EventSeries = struct('io.k8s.api.core.v1.EventSeries', {
  count: field(1, int32()),
  lastObservedTime: field(2, microTime()),
});

const EventObject = objectSchema('io.k8s.api.core.v1.Event', {
  involvedObject: field(2, ObjectReference),
  reason: field(3, str()),
  message: field(4, str()),
  source: field(5, EventSource),
  firstTimestamp: field(6, time()),
  lastTimestamp: field(7, time()),
  count: field(8, int32()),
  type: field(9, str()),
  eventTime: field(10, microTime()),
  series: field(11, EventSeries),
  action: field(12, str()),
  related: field(13, ObjectReference),
  reportingComponent: field(14, str()),
  reportingInstance: field(15, str()),
});
EventObject.required = ['metadata', 'involvedObject'];
export const EventSchema = EventObject;
export type Event = Static<typeof EventSchema>;

const involved = (o: Record<string, unknown>) => (o as Event).involvedObject;

export const EventKind: KindDefinition = {
  group: '',
  version: 'v1',
  kind: 'Event',
  plural: 'events',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
  schema: EventSchema,
  selectableFields: {
    'involvedObject.kind': (o) => involved(o)?.kind ?? '',
    'involvedObject.namespace': (o) => involved(o)?.namespace ?? '',
    'involvedObject.name': (o) => involved(o)?.name ?? '',
    'involvedObject.uid': (o) => involved(o)?.uid ?? '',
    'involvedObject.apiVersion': (o) => involved(o)?.apiVersion ?? '',
    'involvedObject.resourceVersion': (o) => involved(o)?.resourceVersion ?? '',
    'involvedObject.fieldPath': (o) => involved(o)?.fieldPath ?? '',
    reason: (o) => (o as Event).reason ?? '',
    reportingComponent: (o) => (o as Event).reportingComponent ?? '',
    source: (o) => (o as Event).source?.component || (o as Event).reportingComponent || '',
    type: (o) => (o as Event).type ?? '',
  },
};
