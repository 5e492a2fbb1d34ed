/**
 * Server-side apply of one configuration to one object, as kube-apiserver's field manager does it: the
 * configuration's fields are merged in and become the applier's; fields it applied before and no longer
 * applies are removed unless someone else owns them; changing a field another manager owns is a 409
 * conflict unless forced, when the applier takes it over.
 */
import { cloneJson, getMember, isJsonObject, type JsonObject } from '../patch/json-value.js';
import type { SchemaNode } from '../schema-node.js';
import { badRequest, StatusError } from '../status.js';
import { applyConflictError } from './conflict-error.js';
import { fieldsFromLastApplied, KUBECTL_MANAGER, syncLastApplied } from './last-applied.js';
import {
  decodeManagedFields,
  encodeManagedFields,
  formatTime,
  type Managed,
  type ManagedFieldsEntry,
  managerIdentifier,
  stripMeta,
} from './managed-fields.js';
import { managedFieldsOf, resetFieldSet, setManagedFields, withoutManagedFields } from './object-parts.js';
import { listErrors } from './to-field-set.js';
import { recordUpdate, type WriteContext } from './track-update.js';
import { applyManagers, type Conflict } from './updater.js';

export interface ApplyOptions {
  /** The field manager (`fieldManager`); required by the API for apply, '' is recorded as `unknown`. */
  readonly manager: string;
  /** Take over conflicting fields instead of failing (`force=true`). */
  readonly force: boolean;
  readonly schema: SchemaNode;
  /** The API version of the endpoint (`apps/v1`); the configuration must be in it. */
  readonly apiVersion: string;
  /** The kind of the endpoint; when given, the configuration's kind must match too. */
  readonly kind?: string;
  /** The time recorded on the applier's entry when the apply changes the object. */
  readonly now: Date;
  /** The subresource applied to (`status`); absent for the main resource. */
  readonly subresource?: string;
  /** Paths no manager may own through this endpoint (the strategy's reset fields, e.g. `[['status']]`). */
  readonly resetFields?: readonly (readonly string[])[];
}

export interface ApplyResult {
  /** The object to store, `metadata.managedFields` included (a copy of the live object for a no-op). */
  readonly object: JsonObject;
  /** The managedFields set on `object` (empty: the field is absent). */
  readonly managedFields: ManagedFieldsEntry[];
}

/** The stand-in manager owning what an untracked object held before its first apply (upstream's name). */
export const BEFORE_FIRST_APPLY = 'before-first-apply';

/** A status for errors upstream does not type (kubectl prints `Error from server: <message>`). */
const untyped = (message: string): StatusError =>
  new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 });

/** `apps/v1, Kind=Deployment` (`/v1, Kind=Pod` for the core group), as Go prints a GroupVersionKind. */
function gvkString(object: JsonObject): string {
  const apiVersion = typeof object['apiVersion'] === 'string' ? object['apiVersion'] : '';
  const kind = typeof object['kind'] === 'string' ? object['kind'] : '';
  const slash = apiVersion.indexOf('/');
  const [group, version] = slash >= 0 ? [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)] : ['', apiVersion];
  return `${group}/${version}, Kind=${kind}`;
}

function checkConfig(config: JsonObject, options: ApplyOptions): void {
  const apiVersion = config['apiVersion'];
  if (options.kind !== undefined) {
    if (apiVersion !== options.apiVersion || config['kind'] !== options.kind) {
      throw badRequest(`invalid object type: ${gvkString(config)}`);
    }
  } else if (apiVersion !== options.apiVersion) {
    const specified = typeof apiVersion === 'string' ? apiVersion : '';
    throw badRequest(
      `Incorrect version specified in apply patch. Specified patch version: ${specified}, expected: ${options.apiVersion}`,
    );
  }
  const managedFields = managedFieldsOf(config);
  if (managedFields !== undefined && managedFields !== null) throw badRequest('metadata.managedFields must be nil');
  const errors = listErrors(config, options.schema);
  if (errors.length > 0) {
    const metadata = getMember(config, 'metadata');
    const meta = isJsonObject(metadata) ? metadata : {};
    const text = (value: unknown): string => (typeof value === 'string' ? value : '');
    const detail = errors.length === 1 ? (errors[0] as string) : ['errors:', ...errors.map((e) => `  ${e}`)].join('\n');
    throw untyped(
      `failed to create typed patch object (${text(meta['namespace'])}/${text(meta['name'])}; ${gvkString(config)}): ${detail}`,
    );
  }
}

type Attempt = { readonly object: JsonObject; readonly managed: Managed } | { readonly conflicts: Conflict[] };

/** One apply attempt over the live object's decoded ownership. */
function attempt(
  live: JsonObject | undefined,
  config: JsonObject,
  managed: Managed,
  force: boolean,
  options: ApplyOptions,
  ctx: WriteContext,
): Attempt {
  const liveObject = live === undefined ? undefined : withoutManagedFields(live);
  let start = managed;
  if (start.sets.size === 0 && liveObject !== undefined) {
    // An object nobody tracked yet: its present fields belong to a stand-in manager, so the apply
    // conflicts with values it would change.
    start = recordUpdate(undefined, liveObject, start, BEFORE_FIRST_APPLY, ctx);
  }
  const identifier = managerIdentifier({
    manager: options.manager || 'unknown',
    operation: 'Apply',
    ...(options.subresource ? { subresource: options.subresource } : {}),
  });
  const outcome = applyManagers(liveObject ?? {}, config, options.apiVersion, start.sets, identifier, force, ctx);
  if ('conflicts' in outcome) return outcome;
  stripMeta(outcome.managers, identifier);
  const times = new Map(start.times);
  const changed = outcome.object !== undefined;
  if (changed) times.set(identifier, formatTime(options.now));
  const object = changed ? (outcome.object as JsonObject) : cloneJson(liveObject ?? {});
  return { object, managed: { sets: outcome.managers, times } };
}

/**
 * Applies `config` (the decoded apply patch) to `live` (undefined when the object does not exist yet)
 * and returns the object to store with its new managedFields. Neither argument is changed.
 *
 * Throws a StatusError: 400 when the configuration is not of the endpoint's version (and kind, when
 * given) or sets `metadata.managedFields`; 500 (untyped, as upstream) when its lists repeat or lack keys
 * or the live managedFields do not decode; 409 Conflict with one `FieldManagerConflict` cause per field
 * when, without `force`, the apply would change fields other managers own. Defaulting, validation and
 * the strategy's resets of the merged object are the caller's.
 */
export function apply(live: JsonObject | undefined, config: JsonObject, options: ApplyOptions): ApplyResult {
  checkConfig(config, options);
  let managed: Managed;
  try {
    managed = decodeManagedFields(managedFieldsOf(live));
  } catch (err) {
    throw untyped(`failed to decode managed fields: ${err instanceof Error ? err.message : String(err)}`);
  }
  const ctx: WriteContext = {
    schema: options.schema,
    apiVersion: options.apiVersion,
    now: options.now,
    ...(options.subresource ? { subresource: options.subresource } : {}),
    ignored: resetFieldSet(options.resetFields),
  };
  let result = attempt(live, config, managed, options.force, options, ctx);
  if ('conflicts' in result && options.manager === KUBECTL_MANAGER) {
    // kubectl moving from client-side apply: fields its last client-side apply set may be taken over.
    const allowed = fieldsFromLastApplied(live, options.schema, options.apiVersion);
    if (allowed !== undefined) {
      const remaining = result.conflicts.filter((c) => !allowed.has(c.path));
      result = remaining.length > 0 ? { conflicts: remaining } : attempt(live, config, managed, true, options, ctx);
    }
  }
  if ('conflicts' in result) throw applyConflictError(result.conflicts);
  const object = result.object;
  if (options.manager === KUBECTL_MANAGER) syncLastApplied(object, config);
  const managedFields = encodeManagedFields(result.managed);
  setManagedFields(object, managedFields);
  return { object, managedFields };
}
