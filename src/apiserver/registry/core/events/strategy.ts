/**
 * Events (core/v1): the legacy rules only (the strict ones belong to events.k8s.io/v1). The involved
 * object's namespace must match the event's; events with an eventTime need the reporting fields. The
 * registry stores events with a time to live.
 */
import { type FieldError, FieldPath, invalid, required } from '../../../../machinery/field-errors.js';
import type { Strategy } from '../../strategy.js';
import { type Obj, obj, text } from '../validation/json.js';
import { isDNS1123Subdomain, isQualifiedName, nameIsPathSegment } from '../validation/names.js';

const LIMITS = { reportingInstance: 128, action: 128, reason: 128, message: 1024 } as const;

function tooLongText(field: keyof typeof LIMITS, value: string): FieldError[] {
  return value.length > LIMITS[field] ? [invalid(field, '', `can have at most ${LIMITS[field]} characters`)] : [];
}

/** Upstream's legacyValidateEvent. */
export function validateEvent(event: Obj): FieldError[] {
  const errors: FieldError[] = [];
  const namespace = text(obj(event.metadata).namespace);
  const involvedNamespace = text(obj(event.involvedObject).namespace);
  const nsPath = FieldPath.root('involvedObject').child('namespace');
  const mismatch = invalid(nsPath, involvedNamespace, 'does not match event.namespace');
  if (!event.eventTime) {
    if (involvedNamespace === '') {
      if (namespace !== '' && namespace !== 'default') errors.push(mismatch);
    } else if (namespace !== involvedNamespace) {
      errors.push(mismatch);
    }
  } else {
    if (involvedNamespace === '' && namespace !== 'default' && namespace !== 'kube-system') errors.push(mismatch);
    const controller = text(event.reportingComponent);
    if (controller === '') errors.push(required('reportingController'));
    errors.push(...isQualifiedName(controller).map((m) => invalid('reportingController', controller, m)));
    const instance = text(event.reportingInstance);
    if (instance === '') errors.push(required('reportingInstance'));
    errors.push(...tooLongText('reportingInstance', instance));
    const action = text(event.action);
    if (action === '') errors.push(required('action'));
    errors.push(...tooLongText('action', action));
    const reason = text(event.reason);
    if (reason === '') errors.push(required('reason'));
    errors.push(...tooLongText('reason', reason));
    errors.push(...tooLongText('message', text(event.message)));
  }
  errors.push(...isDNS1123Subdomain(namespace).map((m) => invalid('namespace', namespace, m)));
  return errors;
}

export const eventsStrategy: Strategy = {
  validate: (event) => validateEvent(event),
  validateUpdate: (event) => validateEvent(event),
  validateName: nameIsPathSegment,
};
