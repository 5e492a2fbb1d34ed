/**
 * Helpers for the apply tests: applying and updating as named managers against the test Deployment
 * schema, and reading back what a manager owns.
 */
import { cloneJson, type JsonObject } from '../patch/json-value.js';
import type { SchemaNode } from '../schema-node.js';
import { apply, type ApplyOptions } from './apply.js';
import { decodeFieldsV1 } from './fields-v1.js';
import type { ManagedFieldsEntry } from './managed-fields.js';
import { setManagedFields } from './object-parts.js';
import { pathToString } from './path-element.js';
import { deploymentSchema } from './test-schemas.js';
import { trackUpdate } from './track-update.js';

export const T1 = new Date('2024-05-01T10:00:00.250Z');
export const T2 = new Date('2024-05-01T10:05:00Z');
export const T3 = new Date('2024-05-01T10:10:00Z');

/** Applies `config` as `manager` to a Deployment (apps/v1) and returns the stored object. */
export function applyAs(
  manager: string,
  live: JsonObject | undefined,
  config: JsonObject,
  extra: Partial<ApplyOptions> = {},
): JsonObject {
  return apply(live, config, {
    manager,
    force: false,
    schema: deploymentSchema,
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    now: T1,
    ...extra,
  }).object;
}

/** Writes `updated` over `old` as `manager` with an update (not apply) and returns the stored object. */
export function updateAs(
  manager: string,
  old: JsonObject | undefined,
  updated: JsonObject,
  extra: { now?: Date; apiVersion?: string; subresource?: string; schema?: SchemaNode; resetFields?: string[][] } = {},
): JsonObject {
  const managedFields = trackUpdate(old, updated, {
    manager,
    schema: extra.schema ?? deploymentSchema,
    apiVersion: extra.apiVersion ?? 'apps/v1',
    now: extra.now ?? T1,
    operation: 'Update',
    ...(extra.subresource ? { subresource: extra.subresource } : {}),
    ...(extra.resetFields ? { resetFields: extra.resetFields } : {}),
  });
  const stored = cloneJson(updated);
  setManagedFields(stored, managedFields);
  return stored;
}

/** Changes a copy of `object` with `change` (the copy is passed in and returned). */
export function edited(object: JsonObject, change: (copy: JsonObject) => void): JsonObject {
  const copy = cloneJson(object);
  change(copy);
  return copy;
}

export const entriesOf = (object: JsonObject): ManagedFieldsEntry[] =>
  ((object['metadata'] as JsonObject | undefined)?.['managedFields'] as ManagedFieldsEntry[] | undefined) ?? [];

/** The paths one manager's entry owns (first entry with that manager and operation), printed. */
export function ownedBy(object: JsonObject, manager: string, operation: 'Apply' | 'Update' = 'Apply'): string[] {
  const entry = entriesOf(object).find((e) => e.manager === manager && e.operation === operation);
  return entry === undefined ? [] : decodeFieldsV1(entry.fieldsV1).paths().map(pathToString);
}

/** A member of an object by dotted path (`spec.template.spec.containers`). */
export function at(object: unknown, path: string): unknown {
  let value = object;
  for (const name of path.split('.')) value = (value as JsonObject | undefined)?.[name];
  return value;
}
