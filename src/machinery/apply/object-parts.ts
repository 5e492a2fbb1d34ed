/**
 * Small pieces of objects the field manager handles around the ownership algorithm: the managedFields
 * list (never part of the compared or merged object), the baseline a created object is compared with,
 * and the reset fields as a set.
 */
import { getMember, isJsonObject, setMember, type JsonObject } from '../patch/json-value.js';
import type { SchemaNode } from '../schema-node.js';
import { FieldSet } from './field-set.js';
import type { ManagedFieldsEntry } from './managed-fields.js';
import { fieldPath } from './path-element.js';

/** The object's `metadata.managedFields` as given (undefined when absent). */
export function managedFieldsOf(object: unknown): unknown {
  const metadata = isJsonObject(object) ? getMember(object, 'metadata') : undefined;
  return isJsonObject(metadata) ? getMember(metadata, 'managedFields') : undefined;
}

/** A shallow copy of the object without `metadata.managedFields` (the object is not changed). */
export function withoutManagedFields(object: JsonObject): JsonObject {
  const metadata = getMember(object, 'metadata');
  if (!isJsonObject(metadata) || !Object.prototype.hasOwnProperty.call(metadata, 'managedFields')) return object;
  const { managedFields: _dropped, ...rest } = metadata;
  const copy: JsonObject = { ...object };
  setMember(copy, 'metadata', rest);
  return copy;
}

/** Sets (or, for none, removes) `metadata.managedFields` on the object, in place. */
export function setManagedFields(object: JsonObject, entries: readonly ManagedFieldsEntry[]): void {
  let metadata = getMember(object, 'metadata');
  if (!isJsonObject(metadata)) {
    if (entries.length === 0) return;
    metadata = {};
    setMember(object, 'metadata', metadata);
  }
  const meta = metadata as JsonObject;
  if (entries.length === 0) delete meta['managedFields'];
  else meta['managedFields'] = entries.map((entry) => ({ ...entry }));
}

/**
 * What a created object is compared with. Upstream compares with the kind's zero value, in which
 * struct-typed fields exist (empty) while maps, lists and optional structs do not; Skiff cannot tell
 * pointer structs from others, so every non-empty struct of the new object is present (empty) here. An
 * Update entry thus never marks `.spec` or `.metadata` themselves as owned, as upstream's do not.
 */
export function createBaseline(created: unknown, schema: SchemaNode): JsonObject {
  return (isJsonObject(created) ? skeleton(created, schema) : undefined) ?? {};
}

function skeleton(value: JsonObject, node: SchemaNode): JsonObject | undefined {
  if (node.type !== 'struct' || node.mapType === 'atomic' || Object.keys(value).length === 0) return undefined;
  const out: JsonObject = {};
  for (const [name, member] of Object.entries(value)) {
    const field = node.field?.(name);
    if (field === undefined || !isJsonObject(member)) continue;
    const inner = skeleton(member, field);
    if (inner !== undefined) setMember(out, name, inner);
  }
  return out;
}

/** The reset fields (top-level or deeper field-name paths) as a set. */
export const resetFieldSet = (resetFields: readonly (readonly string[])[] = []): FieldSet =>
  FieldSet.fromPaths(resetFields.map((names) => fieldPath(...names)));
