/**
 * The policy of `events` as events.k8s.io/v1 serves them (upstream's ValidateEventCreate/Update for that
 * version). Upstream validates the stored (core) form, so some paths keep core's names: the note is
 * `message`, the regarding object's namespace `involvedObject.namespace`.
 */
import { type FieldError, FieldPath, invalid, required } from '../../../../machinery/field-errors.js';
import { isDNS1123Subdomain, isQualifiedName } from '../../../../machinery/validation/names.js';
import { validateImmutableField } from '../../../../machinery/validation/object-meta-update.js';
import type { ApiObject, Strategy } from '../../strategy.js';
import { isObj, isSet, num, obj, semanticEqual, text } from '../../apps/validation/json.js';

export const REPORTING_INSTANCE_LENGTH_LIMIT = 128;
export const ACTION_LENGTH_LIMIT = 128;
export const REASON_LENGTH_LIMIT = 128;
export const NOTE_LENGTH_LIMIT = 1024;

const at = (name: string): FieldPath => FieldPath.root(name);
const atMost = (limit: number): string => `can have at most ${limit} characters`;

/** The checks every new-style event (one with an eventTime) passes (upstream's legacyValidateEvent). */
function baseErrors(o: ApiObject): FieldError[] {
  const errs: FieldError[] = [];
  const namespace = text(o.metadata?.namespace);
  if (text(obj(o.regarding).namespace) === '' && namespace !== 'default' && namespace !== 'kube-system') {
    errs.push(invalid(FieldPath.root('involvedObject').child('namespace'), '', 'does not match event.namespace'));
  }
  const controller = text(o.reportingController);
  if (controller === '') errs.push(required(at('reportingController')));
  errs.push(...isQualifiedName(controller).map((m) => invalid(at('reportingController'), controller, m)));
  const limited: [string, string, number][] = [
    ['reportingInstance', text(o.reportingInstance), REPORTING_INSTANCE_LENGTH_LIMIT],
    ['action', text(o.action), ACTION_LENGTH_LIMIT],
    ['reason', text(o.reason), REASON_LENGTH_LIMIT],
  ];
  for (const [name, value, limit] of limited) {
    if (value === '') errs.push(required(at(name)));
    if (value.length > limit) errs.push(invalid(at(name), '', atMost(limit)));
  }
  if (text(o.note).length > NOTE_LENGTH_LIMIT) errs.push(invalid(at('message'), '', atMost(NOTE_LENGTH_LIMIT)));
  errs.push(...isDNS1123Subdomain(namespace).map((m) => invalid(at('namespace'), namespace, m)));
  return errs;
}

function seriesErrors(o: ApiObject): FieldError[] {
  if (!isObj(o.series)) return [];
  const errs: FieldError[] = [];
  if ((num(o.series.count) ?? 0) < 2) errs.push(invalid(at('series.count'), '', 'should be at least 2'));
  if (!isSet(o.series.lastObservedTime)) errs.push(required(at('series.lastObservedTime')));
  return errs;
}

/** Upstream's ValidateEventCreate for events.k8s.io/v1 (metadata aside, which the registry checks). */
export function eventCreateErrors(o: ApiObject): FieldError[] {
  const errs = [...baseErrors(o), ...seriesErrors(o)];
  if (!isSet(o.eventTime)) errs.push(required(at('eventTime')));
  if (o.type !== 'Normal' && o.type !== 'Warning')
    errs.push(invalid(at('type'), '', `has invalid value: ${text(o.type)}`));
  if (isSet(o.deprecatedFirstTimestamp)) errs.push(invalid(at('deprecatedFirstTimestamp'), '', 'needs to be unset'));
  if (isSet(o.deprecatedLastTimestamp)) errs.push(invalid(at('deprecatedLastTimestamp'), '', 'needs to be unset'));
  if ((num(o.deprecatedCount) ?? 0) !== 0) errs.push(invalid(at('deprecatedCount'), '', 'needs to be unset'));
  const source = obj(o.deprecatedSource);
  if (text(source.component) !== '' || text(source.host) !== '')
    errs.push(invalid(at('deprecatedSource'), '', 'needs to be unset'));
  return errs;
}

/** Microsecond precision: sub-microsecond differences in eventTime are tolerated. */
const micro = (t: unknown): string => (typeof t === 'string' ? t.replace(/(\.\d{6})\d*Z$/, '$1Z') : String(t));

/** Upstream's ValidateEventUpdate for events.k8s.io/v1: what the event says may not change. */
export function eventUpdateErrors(o: ApiObject, old: ApiObject): FieldError[] {
  const errs = baseErrors(o);
  if (!semanticEqual(o.series, old.series)) errs.push(...seriesErrors(o));
  const immutable: [string, string][] = [
    ['regarding', 'involvedObject'],
    ['reason', 'reason'],
    ['note', 'message'],
    ['deprecatedSource', 'source'],
    ['deprecatedFirstTimestamp', 'firstTimestamp'],
    ['deprecatedLastTimestamp', 'lastTimestamp'],
    ['deprecatedCount', 'count'],
    ['type', 'type'],
  ];
  for (const [field, path] of immutable)
    errs.push(...validateImmutableField(o[field], old[field], at(path), semanticEqual));
  if (micro(o.eventTime) !== micro(old.eventTime))
    errs.push(...validateImmutableField(o.eventTime, old.eventTime, at('eventTime')));
  for (const field of ['action', 'related', 'reportingController', 'reportingInstance']) {
    errs.push(...validateImmutableField(o[field], old[field], at(field), semanticEqual));
  }
  return errs;
}

export const eventsStrategy: Strategy = {
  validate: eventCreateErrors,
  validateUpdate: eventUpdateErrors,
};
