/**
 * Field ownership for writes other than apply (create, update, patch), as upstream's field manager
 * records them: the writer's Update entry gains the fields the write added or changed (on create: all
 * it sets), and loses none it still has; every other manager loses the fields the write changed or
 * removed; managers left with nothing disappear.
 */
import { isJsonObject, type JsonObject } from '../patch/json-value.js';
import type { SchemaNode } from '../schema-node.js';
import type { FieldSet } from './field-set.js';
import type { FieldsV1Memo } from './fields-v1-memo.js';
import { FieldsV1Reuse } from './fields-v1-reuse.js';
import {
  capUpdateManagers,
  decodeManagedFields,
  emptyManaged,
  encodeManagedFields,
  formatTime,
  isResetManagedFields,
  type Managed,
  type ManagedFieldsEntry,
  managerIdentifier,
  STRIPPED_FIELDS,
  stripMeta,
} from './managed-fields.js';
import { createdFieldsV1 } from './created-fields.js';
import { createBaseline, managedFieldsOf, resetFieldSet, withoutManagedFields } from './object-parts.js';
import { updateManagers } from './updater.js';

export interface TrackUpdateOptions {
  /** The field manager (the request's `fieldManager`, or a name the caller derives); '' is `unknown`. */
  readonly manager: string;
  readonly schema: SchemaNode;
  /** The API version the write was made in (`apps/v1`). */
  readonly apiVersion: string;
  /** The time recorded on the writer's entry when the write changed something. */
  readonly now: Date;
  /** The subresource written (`status`, `scale`); absent for the main resource. */
  readonly subresource?: string;
  readonly operation: 'Update';
  /** Paths no manager may own through this endpoint (the strategy's reset fields, e.g. `[['status']]`). */
  readonly resetFields?: readonly (readonly string[])[];
  /** Remembers decoded field sets across writes (a caller writing many objects of one kind keeps one). */
  readonly memo?: FieldsV1Memo;
}

/** What the ownership algorithm needs for one write. */
export interface WriteContext {
  readonly schema: SchemaNode;
  readonly apiVersion: string;
  readonly now: Date;
  readonly subresource?: string;
  readonly ignored: FieldSet;
}

/** The name the writer's set goes by while the write is measured (upstream's trick to see what changed). */
const CURRENT_OPERATION = 'current-operation';

/**
 * Records a non-apply write of `updated` over `old` (undefined: a create) by `manager` into `managed`,
 * and returns the new ownership; `managed` is not changed.
 */
export function recordUpdate(
  old: JsonObject | undefined,
  updated: JsonObject,
  managed: Managed,
  manager: string,
  ctx: WriteContext,
): Managed {
  const identifier = managerIdentifier({
    manager: manager || 'unknown',
    operation: 'Update',
    apiVersion: ctx.apiVersion,
    ...(ctx.subresource ? { subresource: ctx.subresource } : {}),
  });
  const next = withoutManagedFields(updated);
  const before = old === undefined ? createBaseline(next, ctx.schema) : withoutManagedFields(old);
  const sets = updateManagers(before, next, ctx.apiVersion, managed.sets, CURRENT_OPERATION, ctx);
  stripMeta(sets, CURRENT_OPERATION);
  const times = new Map(managed.times);
  const current = sets.get(CURRENT_OPERATION);
  if (current !== undefined) {
    // The write changed something: merge it into the writer's entry and stamp the time.
    sets.delete(CURRENT_OPERATION);
    const previous = sets.get(identifier);
    const merged = previous === undefined ? current.set : current.set.union(previous.set);
    // The changed fields were taken from the writer and given back: a writer that changed only fields it
    // owned keeps the very set it had (and with it the encoding it came with).
    const before = managed.sets.get(identifier)?.set;
    sets.set(identifier, { ...current, set: before !== undefined && merged.equals(before) ? before : merged });
    times.set(identifier, formatTime(ctx.now));
  }
  const result: Managed = { sets, times, ...(managed.infos === undefined ? {} : { infos: managed.infos }) };
  capUpdateManagers(result);
  return result;
}

/**
 * The ownership a request starts from: the live object's, unless the request itself sets managedFields
 * (not through a subresource): a reset (`[]` or `[{}]`) starts from nothing, decodable entries are taken
 * as given. Undecodable entries count as none, as upstream's update path treats them.
 */
function startingOwnership(
  old: JsonObject | undefined,
  updated: JsonObject,
  isSubresource: boolean,
  decodeSet: ((fieldsV1: unknown) => FieldSet) | undefined,
): Managed {
  const live = (): Managed => {
    try {
      return decodeManagedFields(managedFieldsOf(old), decodeSet);
    } catch {
      return emptyManaged();
    }
  };
  if (isSubresource) return live();
  const requested = managedFieldsOf(updated);
  if (isResetManagedFields(requested)) return emptyManaged();
  try {
    const managed = decodeManagedFields(requested, decodeSet);
    return managed.sets.size > 0 ? managed : live();
  } catch {
    return live();
  }
}

/**
 * The managedFields after a create (`old` undefined), update or patch that wrote `updated` (the object as
 * it will be stored, managedFields as the request left them). Returns the entries to store, sorted as
 * upstream sorts them; an empty list means the object carries no managedFields (so it is not tracked:
 * upstream starts tracking an existing untracked object only at its first apply). Neither object is
 * changed, but with a memo the entries may take over FieldsV1 objects of either object's managedFields
 * (those that already hold exactly the JSON to store): the caller must not change the given objects'
 * managedFields afterwards, nor the result's through them.
 */
export function trackUpdate(
  old: JsonObject | undefined,
  updated: JsonObject,
  options: TrackUpdateOptions,
): ManagedFieldsEntry[] {
  if (!isJsonObject(updated)) return [];
  // A create that names no owners (the usual create) starts from none: no ownership to decode.
  if (old === undefined && managedFieldsOf(updated) === undefined) return createdEntries(updated, options);
  const reuse = options.memo === undefined ? undefined : new FieldsV1Reuse(options.memo);
  const managed = startingOwnership(
    old,
    updated,
    Boolean(options.subresource),
    reuse === undefined ? undefined : (fieldsV1) => reuse.decode(fieldsV1),
  );
  if (managed.sets.size === 0) return old === undefined ? createdEntries(updated, options) : [];
  const ctx: WriteContext = {
    schema: options.schema,
    apiVersion: options.apiVersion,
    now: options.now,
    ...(options.subresource ? { subresource: options.subresource } : {}),
    ignored: resetFieldSet(options.resetFields),
  };
  return encodeManagedFields(
    recordUpdate(old, updated, managed, options.manager, ctx),
    reuse === undefined ? undefined : (set) => reuse.encode(set),
  );
}

/**
 * The entries of a create that starts with no owners (the request set no managedFields, or reset them): the
 * writer's one entry, with every field the object sets (see created-fields.ts), written directly. Equal to
 * what recordUpdate and encodeManagedFields make of such a create.
 */
function createdEntries(created: JsonObject, options: TrackUpdateOptions): ManagedFieldsEntry[] {
  const ignored = resetFieldSet(options.resetFields);
  const fieldsV1 = createdFieldsV1(withoutManagedFields(created), options.schema, ignored, STRIPPED_FIELDS);
  if (fieldsV1 === undefined) return [];
  const entry: ManagedFieldsEntry = { manager: options.manager || 'unknown', operation: 'Update' };
  if (options.apiVersion) entry.apiVersion = options.apiVersion;
  entry.time = formatTime(options.now);
  entry.fieldsType = 'FieldsV1';
  entry.fieldsV1 = fieldsV1;
  if (options.subresource) entry.subresource = options.subresource;
  return [entry];
}
