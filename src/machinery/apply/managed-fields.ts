/**
 * `metadata.managedFields` in and out, as upstream's field manager reads and writes it: entries decode to
 * field sets keyed by a manager identifier (manager, operation, subresource, and for updates the API
 * version: one Apply entry per manager and subresource, one Update entry per manager, subresource and
 * version); sets encode back to entries sorted as upstream sorts them.
 */
import { isJsonObject, type JsonObject } from '../patch/json-value.js';
import { FieldSet } from './field-set.js';
import { decodeFieldsV1, encodeFieldsV1 } from './fields-v1.js';
import { compareStrings, goJson } from './go-value.js';
import { fieldPath } from './path-element.js';
import type { VersionedSet } from './updater.js';
import { rfc3339 } from '../rfc3339.js';

/** One `metadata.managedFields` entry (meta/v1 ManagedFieldsEntry). */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: 'Apply' | 'Update';
  apiVersion?: string;
  /** RFC 3339, seconds, UTC: `2024-07-29T13:47:10Z`. */
  time?: string;
  fieldsType?: 'FieldsV1';
  fieldsV1?: JsonObject;
  subresource?: string;
}

/** Managers' sets and the times of their last change, both keyed by manager identifier. */
export interface Managed {
  readonly sets: Map<string, VersionedSet>;
  readonly times: Map<string, string>;
}

/** No managers at all. */
export const emptyManaged = (): Managed => ({ sets: new Map(), times: new Map() });

/** What a manager identifier is made of. */
export interface ManagerInfo {
  readonly manager: string;
  readonly operation: 'Apply' | 'Update';
  /** Part of the identity of Update entries only. */
  readonly apiVersion?: string;
  readonly subresource?: string;
}

/** The identifier of a manager: the JSON of its entry without time, fields, and (for Apply) version. */
export function managerIdentifier(info: ManagerInfo): string {
  const entry: Record<string, string> = {};
  if (info.manager) entry['manager'] = info.manager;
  entry['operation'] = info.operation;
  if (info.operation === 'Update' && info.apiVersion) entry['apiVersion'] = info.apiVersion;
  if (info.subresource) entry['subresource'] = info.subresource;
  // Go writes struct fields in declaration order, which is the order above.
  return `{${Object.entries(entry)
    .map(([name, value]) => `${JSON.stringify(name)}:${goJson(value)}`)
    .join(',')}}`;
}

/** The parts of an identifier made by {@link managerIdentifier}. */
export function parseIdentifier(identifier: string): ManagerInfo {
  const parsed = JSON.parse(identifier) as Partial<Record<string, string>>;
  return {
    manager: parsed['manager'] ?? '',
    operation: parsed['operation'] === 'Apply' ? 'Apply' : 'Update',
    ...(parsed['apiVersion'] !== undefined ? { apiVersion: parsed['apiVersion'] } : {}),
    ...(parsed['subresource'] !== undefined ? { subresource: parsed['subresource'] } : {}),
  };
}

/** A time as Kubernetes writes one: RFC 3339 in UTC, whole seconds. */
export const formatTime = (date: Date): string => rfc3339(date);

const unixSeconds = (time: string | undefined): number => {
  const ms = time === undefined ? NaN : Date.parse(time);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
};

/**
 * Decodes `metadata.managedFields` (each entry's fields with `decodeSet`, by default decodeFieldsV1). Throws
 * an Error (upstream's wording) for an entry whose operation is not Apply or Update, whose apiVersion is
 * empty, whose fieldsType is not FieldsV1, or whose fields do not decode.
 */
export function decodeManagedFields(
  value: unknown,
  decodeSet: (fieldsV1: unknown) => FieldSet = decodeFieldsV1,
): Managed {
  const managed = emptyManaged();
  if (value === undefined || value === null) return managed;
  if (!Array.isArray(value)) throw new Error('managedFields must be a list');
  value.forEach((raw: unknown, i) => {
    const entry = isJsonObject(raw) ? raw : {};
    const operation = entry['operation'];
    if (operation !== 'Apply' && operation !== 'Update') throw new Error('operation must be `Apply` or `Update`');
    const apiVersion = typeof entry['apiVersion'] === 'string' ? entry['apiVersion'] : '';
    if (apiVersion.length < 1) throw new Error('apiVersion must not be empty');
    const fieldsType = entry['fieldsType'];
    if (fieldsType === undefined || fieldsType === '')
      throw new Error(`missing fieldsType in managed fields entry ${i}`);
    if (fieldsType !== 'FieldsV1')
      throw new Error(`invalid fieldsType ${JSON.stringify(fieldsType)} in managed fields entry ${i}`);
    const identifier = managerIdentifier({
      manager: typeof entry['manager'] === 'string' ? entry['manager'] : '',
      operation,
      apiVersion,
      ...(typeof entry['subresource'] === 'string' ? { subresource: entry['subresource'] } : {}),
    });
    let set: FieldSet;
    try {
      set = decodeSet(entry['fieldsV1']);
    } catch (err) {
      throw new Error(
        `error decoding versioned set: error decoding set: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    managed.sets.set(identifier, { set, apiVersion, applied: operation === 'Apply' });
    const time = entry['time'];
    if (typeof time === 'string' && !Number.isNaN(Date.parse(time)))
      managed.times.set(identifier, formatTime(new Date(time)));
    else managed.times.delete(identifier);
  });
  return managed;
}

/**
 * Whether a request's managedFields ask to clear them: an empty list, or a list of one empty entry
 * (upstream's documented way to reset managedFields through an update).
 */
export function isResetManagedFields(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  if (value.length === 0) return true;
  return value.length === 1 && isJsonObject(value[0]) && Object.keys(value[0]).length === 0;
}

/**
 * The entries of the managers' sets (each set's fields by `encodeSet`, by default encodeFieldsV1), sorted:
 * Apply before Update, then by time, manager, version, subresource.
 */
export function encodeManagedFields(
  managed: Managed,
  encodeSet: (set: FieldSet) => JsonObject = encodeFieldsV1,
): ManagedFieldsEntry[] {
  const entries: ManagedFieldsEntry[] = [];
  for (const [identifier, versioned] of managed.sets) {
    const info = parseIdentifier(identifier);
    const entry: ManagedFieldsEntry = {};
    if (info.manager) entry.manager = info.manager;
    entry.operation = versioned.applied ? 'Apply' : info.operation;
    if (versioned.apiVersion) entry.apiVersion = versioned.apiVersion;
    const time = managed.times.get(identifier);
    if (time !== undefined) entry.time = time;
    entry.fieldsType = 'FieldsV1';
    entry.fieldsV1 = encodeSet(versioned.set);
    if (info.subresource) entry.subresource = info.subresource;
    entries.push(entry);
  }
  return entries.sort(
    (p, q) =>
      compareStrings(p.operation ?? '', q.operation ?? '') ||
      Math.sign(unixSeconds(p.time) - unixSeconds(q.time)) ||
      compareStrings(p.manager ?? '', q.manager ?? '') ||
      compareStrings(p.apiVersion ?? '', q.apiVersion ?? '') ||
      compareStrings(p.subresource ?? '', q.subresource ?? ''),
  );
}

/** Fields no manager owns: type and object metadata the API server sets (upstream's strip set). */
const STRIPPED = FieldSet.fromPaths([
  fieldPath('apiVersion'),
  fieldPath('kind'),
  fieldPath('metadata'),
  ...[
    'name',
    'namespace',
    'creationTimestamp',
    'selfLink',
    'uid',
    'clusterName',
    'generation',
    'managedFields',
    'resourceVersion',
  ].map((name) => fieldPath('metadata', name)),
]);

/** Takes the server-set metadata fields out of one manager's set (dropping the manager if left empty). */
export function stripMeta(sets: Map<string, VersionedSet>, manager: string): void {
  const versioned = sets.get(manager);
  if (versioned === undefined) return;
  const set = versioned.set.difference(STRIPPED);
  if (set.isEmpty()) sets.delete(manager);
  else sets.set(manager, { ...versioned, set });
}

/** Upstream's cap on Update entries; older ones merge into `ancient-changes` entries, one per version. */
export const MAX_UPDATE_MANAGERS = 10;

/** Merges the oldest Update entries into per-version `ancient-changes` entries until at most `max` remain. */
export function capUpdateManagers(managed: Managed, max = MAX_UPDATE_MANAGERS): void {
  const updaters = [...managed.sets].filter(([, v]) => !v.applied).map(([id]) => id);
  if (updaters.length <= max) return;
  updaters.sort(
    (a, b) => Math.sign(unixSeconds(managed.times.get(a)) - unixSeconds(managed.times.get(b))) || compareStrings(a, b),
  );
  const firstOfVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > max; i++) {
    const manager = updaters[i] as string;
    const versioned = managed.sets.get(manager) as VersionedSet;
    const version = versioned.apiVersion;
    const bucket = managerIdentifier({ manager: 'ancient-changes', operation: 'Update', apiVersion: version });
    const first = firstOfVersion.get(version);
    if (first === undefined) {
      firstOfVersion.set(version, manager);
      continue;
    }
    if (!managed.sets.has(bucket)) {
      managed.sets.set(bucket, managed.sets.get(first) as VersionedSet);
      managed.sets.delete(first);
    }
    const merged = versioned.set.union((managed.sets.get(bucket) as VersionedSet).set);
    managed.sets.set(bucket, { set: merged, apiVersion: version, applied: false });
    managed.sets.delete(manager);
    length--;
    const time = managed.times.get(manager);
    if (time !== undefined) managed.times.set(bucket, time);
    else managed.times.delete(bucket);
  }
}
