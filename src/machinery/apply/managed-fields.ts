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
  /** The parts of some of the identifiers, as decoding found them (the rest are parsed when needed). */
  readonly infos?: ReadonlyMap<string, ManagerInfo>;
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
  // Go writes struct fields in declaration order, which is the order below. Made by hand: this runs for
  // every entry of every write.
  let identifier = '{';
  if (info.manager) identifier += `"manager":${goJson(info.manager)},`;
  identifier += `"operation":${goJson(info.operation)}`;
  if (info.operation === 'Update' && info.apiVersion) identifier += `,"apiVersion":${goJson(info.apiVersion)}`;
  if (info.subresource) identifier += `,"subresource":${goJson(info.subresource)}`;
  return `${identifier}}`;
}

/** The parts of an identifier made by {@link managerIdentifier}. */
export function parseIdentifier(identifier: string): ManagerInfo {
  const parsed = JSON.parse(identifier) as Partial<Record<string, string>>;
  const info: { -readonly [K in keyof ManagerInfo]: ManagerInfo[K] } = {
    manager: parsed['manager'] ?? '',
    operation: parsed['operation'] === 'Apply' ? 'Apply' : 'Update',
  };
  if (parsed['apiVersion'] !== undefined) info.apiVersion = parsed['apiVersion'];
  if (parsed['subresource'] !== undefined) info.subresource = parsed['subresource'];
  return info;
}

/** A time as Kubernetes writes one: RFC 3339 in UTC, whole seconds. */
export const formatTime = (date: Date): string => rfc3339(date);

/** A time already in the form formatTime writes: `2024-07-29T13:47:10Z`. */
const FORMATTED_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A managedFields time as formatTime writes it, or undefined when it is not a time. Times stored by the
 * API server are in that form already and are returned as they are; checking that costs less than the
 * parse and format that every other text goes through (and that would give the text back unchanged).
 */
function normalizeTime(text: string): string | undefined {
  const parts = FORMATTED_TIME.exec(text);
  if (parts !== null && isValidTime(parts.slice(1).map(Number))) return text;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : formatTime(new Date(ms));
}

/** Whether the parts of a formatted time name a real second (Date.parse rolls `02-30` over to March). */
function isValidTime([year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0]: number[]): boolean {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day >= 1 && day <= days && hour < 24 && minute < 60 && second < 60;
}

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
  const infos = new Map<string, ManagerInfo>();
  const managed: Managed = { sets: new Map(), times: new Map(), infos };
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
    const info: ManagerInfo = {
      manager: typeof entry['manager'] === 'string' ? entry['manager'] : '',
      operation,
      apiVersion,
      ...(typeof entry['subresource'] === 'string' ? { subresource: entry['subresource'] } : {}),
    };
    const identifier = managerIdentifier(info);
    infos.set(identifier, info);
    let set: FieldSet;
    try {
      set = decodeSet(entry['fieldsV1']);
    } catch (err) {
      throw new Error(
        `error decoding versioned set: error decoding set: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    managed.sets.set(identifier, { set, apiVersion, applied: operation === 'Apply' });
    const given = entry['time'];
    const time = typeof given === 'string' ? normalizeTime(given) : undefined;
    if (time === undefined) managed.times.delete(identifier);
    else managed.times.set(identifier, time);
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
  const sorted: { entry: ManagedFieldsEntry; seconds: number }[] = [];
  for (const [identifier, versioned] of managed.sets) {
    const info = managed.infos?.get(identifier) ?? parseIdentifier(identifier);
    const entry: ManagedFieldsEntry = {};
    if (info.manager) entry.manager = info.manager;
    entry.operation = versioned.applied ? 'Apply' : info.operation;
    if (versioned.apiVersion) entry.apiVersion = versioned.apiVersion;
    const time = managed.times.get(identifier);
    if (time !== undefined) entry.time = time;
    entry.fieldsType = 'FieldsV1';
    entry.fieldsV1 = encodeSet(versioned.set);
    if (info.subresource) entry.subresource = info.subresource;
    sorted.push({ entry, seconds: unixSeconds(time) });
  }
  // The times are parsed once, not at every comparison.
  sorted.sort(
    ({ entry: p, seconds: ps }, { entry: q, seconds: qs }) =>
      compareStrings(p.operation ?? '', q.operation ?? '') ||
      Math.sign(ps - qs) ||
      compareStrings(p.manager ?? '', q.manager ?? '') ||
      compareStrings(p.apiVersion ?? '', q.apiVersion ?? '') ||
      compareStrings(p.subresource ?? '', q.subresource ?? ''),
  );
  return sorted.map(({ entry }) => entry);
}

/** Fields no manager owns: type and object metadata the API server sets (upstream's strip set). */
export const STRIPPED_FIELDS = FieldSet.fromPaths([
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
  const set = versioned.set.difference(STRIPPED_FIELDS);
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
