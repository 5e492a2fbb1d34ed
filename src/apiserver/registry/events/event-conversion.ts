/**
 * events.k8s.io/v1 Events are core/v1 Events in storage, as upstream keeps them: the same objects under
 * newer field names (note ↔ message, regarding ↔ involvedObject, deprecated* ↔ the old timestamps…).
 */
import type { ApiObject } from '../strategy.js';

/** events.k8s.io/v1 field ↔ core/v1 field. */
const RENAMES: readonly (readonly [string, string])[] = [
  ['regarding', 'involvedObject'],
  ['note', 'message'],
  ['reportingController', 'reportingComponent'],
  ['deprecatedSource', 'source'],
  ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'],
  ['deprecatedCount', 'count'],
];

const SAME = ['eventTime', 'series', 'reportingInstance', 'action', 'reason', 'related', 'type'];

function rename(obj: ApiObject, apiVersion: string, pairs: readonly (readonly [string, string])[]): ApiObject {
  const out: ApiObject = { apiVersion, kind: 'Event', metadata: structuredClone(obj.metadata ?? {}) };
  for (const key of SAME) if (obj[key] !== undefined) out[key] = structuredClone(obj[key]);
  for (const [from, to] of pairs) if (obj[from] !== undefined) out[to] = structuredClone(obj[from]);
  return out;
}

/** A stored core/v1 Event as events.k8s.io/v1. */
export const eventToEventsV1 = (core: ApiObject): ApiObject =>
  rename(
    core,
    'events.k8s.io/v1',
    RENAMES.map(([v1, c]) => [c, v1] as const),
  );

/** An events.k8s.io/v1 Event as the core/v1 Event it is stored as. */
export const eventToCore = (event: ApiObject): ApiObject => rename(event, 'v1', RENAMES);
