/** The metadata rules every kind shares, checked by the registry before a strategy's own rules. */
import { type FieldError, FieldPath, invalid, required } from '../../../machinery/field-errors.js';
import type { Resource } from './resource.js';
import type { Meta } from './metadata.js';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** Upstream's default name rule: a DNS-1123 subdomain of at most 253 characters. */
export function dns1123Subdomain(name: string): string[] {
  const errors: string[] = [];
  if (name.length > 253) errors.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(name)) errors.push(SUBDOMAIN_MESSAGE);
  return errors;
}

export function validateMeta(meta: Meta, resource: Resource): FieldError[] {
  const path = FieldPath.root('metadata');
  const errors: FieldError[] = [];
  const nameRule = resource.strategy.validateName ?? dns1123Subdomain;
  if (!meta.name) {
    errors.push(required(path.child('name'), 'name or generateName is required'));
  } else {
    for (const message of nameRule(meta.name, false)) errors.push(invalid(path.child('name'), meta.name, message));
  }
  if (resource.kind.namespaced && !meta.namespace) errors.push(required(path.child('namespace')));
  return errors;
}
