/**
 * Test support for created-fields.ts: records a create with no previous owners both ways (the general
 * ownership algorithm, and trackUpdate's direct walk) so that tests can hold them equal, and makes variants
 * of an object to hold them equal on: members removed, emptied, nulled or given the wrong type, list elements
 * repeated or stripped of key fields, unknown fields added (drawn from a seeded generator, see
 * machinery/testing/seeded-random.ts).
 */
import { cloneJson, isJsonObject, type JsonObject } from '../patch/json-value.js';
import type { SchemaNode } from '../schema-node.js';
import { emptyManaged, encodeManagedFields } from './managed-fields.js';
import { resetFieldSet, withoutManagedFields } from './object-parts.js';
import { recordUpdate, trackUpdate } from './track-update.js';

export interface CreateCase {
  readonly schema: SchemaNode;
  readonly apiVersion: string;
  readonly resetFields?: string[][];
  readonly subresource?: string;
}

const NOW = new Date('2025-03-04T05:06:07.890Z');

/** The managedFields JSON of a create of `object`: [general algorithm, direct walk]. */
export function createdBothWays(object: JsonObject, c: CreateCase): [string, string] {
  const general = encodeManagedFields(
    recordUpdate(undefined, withoutManagedFields(object), emptyManaged(), 'creator', {
      schema: c.schema,
      apiVersion: c.apiVersion,
      now: NOW,
      ...(c.subresource ? { subresource: c.subresource } : {}),
      ignored: resetFieldSet(c.resetFields),
    }),
  );
  const direct = trackUpdate(undefined, object, {
    manager: 'creator',
    schema: c.schema,
    apiVersion: c.apiVersion,
    now: NOW,
    operation: 'Update',
    ...(c.resetFields ? { resetFields: c.resetFields } : {}),
    ...(c.subresource ? { subresource: c.subresource } : {}),
  });
  return [JSON.stringify(general), JSON.stringify(direct)];
}

type Slot = { readonly parent: JsonObject | unknown[]; readonly key: string | number };

function slotsOf(value: unknown, out: Slot[]): Slot[] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push({ parent: value, key: i });
      slotsOf(item, out);
    });
  } else if (isJsonObject(value)) {
    for (const key of Object.keys(value)) {
      out.push({ parent: value, key });
      slotsOf(value[key], out);
    }
  }
  return out;
}

const KEY_FIELDS = ['name', 'containerPort', 'protocol', 'port', 'type', 'key', 'ip', 'mountPath'];

/** A copy of `object` with one to three random changes. */
export function variantOf(object: JsonObject, next: () => number): JsonObject {
  const copy = cloneJson(object);
  const changes = 1 + Math.floor(next() * 3);
  for (let i = 0; i < changes; i++) {
    const slots = slotsOf(copy, []);
    if (slots.length === 0) break;
    const { parent, key } = slots[Math.floor(next() * slots.length)] as Slot;
    const set = (v: unknown): void => void ((parent as Record<string | number, unknown>)[key] = v);
    const current = (parent as Record<string | number, unknown>)[key];
    switch (Math.floor(next() * 9)) {
      case 0:
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete (parent as JsonObject)[key as string];
        break;
      case 1:
        set(null);
        break;
      case 2:
        set({});
        break;
      case 3:
        set([]);
        break;
      case 4:
        set('wrong-type');
        break;
      case 5:
        if (Array.isArray(parent)) parent.push(cloneJson(current));
        else set(undefined);
        break;
      case 6:
        if (isJsonObject(current)) current['zz-unknown'] = { inner: [1, 2], more: { deep: true } };
        break;
      case 7:
        if (isJsonObject(current)) for (const k of KEY_FIELDS) if (next() < 0.3) delete current[k];
        break;
      default:
        if (Array.isArray(current) && current.length > 0) current.push(cloneJson(current[0]));
    }
  }
  return copy;
}
