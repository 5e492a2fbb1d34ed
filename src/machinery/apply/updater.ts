/**
 * The ownership bookkeeping of upstream's structured-merge-diff Updater, over managers' field sets keyed
 * by manager identifier. An update gives the writer the fields it changed and takes them (and removed
 * fields) from everyone else. An apply merges the configuration, makes the applied fields the applier's
 * set, prunes what the applier applied before and no longer applies (unless someone else owns it), and
 * refuses (or, forced, takes) fields another manager owns and the apply changes.
 *
 * Unlike upstream, objects are not converted between API versions: sets recorded at other versions are
 * compared on the same object, whose field paths are the same in practice.
 */
import { jsonEqual } from '../patch/json-value.js';
import type { SchemaNode } from '../schema-node.js';
import { compareObjects, type Comparison } from './compare.js';
import { compareStrings } from './go-value.js';
import { FieldSet } from './field-set.js';
import { mergeValues } from './merge.js';
import type { FieldPath } from './path-element.js';
import { ensureNamedFieldsAreMembers, removeItems } from './remove-items.js';
import { toFieldSet } from './to-field-set.js';

/** What one manager owns, at which API version, and whether by apply. */
export interface VersionedSet {
  readonly set: FieldSet;
  readonly apiVersion: string;
  readonly applied: boolean;
}

/** Every manager's set, keyed by manager identifier. */
export type ManagerSets = ReadonlyMap<string, VersionedSet>;

/** A field another manager owns and a write would change. */
export interface Conflict {
  /** The identifier of the manager owning the field. */
  readonly manager: string;
  readonly path: FieldPath;
}

/** What the updater needs besides the objects: the schema, and the fields no one may own. */
export interface UpdaterContext {
  readonly schema: SchemaNode;
  /** Reset fields: paths (and everything below them) left out of every set. */
  readonly ignored: FieldSet;
}

type Outcome =
  | { readonly managers: Map<string, VersionedSet>; readonly comparison: Comparison }
  | { readonly conflicts: Conflict[] };

/**
 * Takes changed and removed fields from every manager but `writer`; without `force`, changed fields
 * another manager owns are conflicts instead. Managers left with nothing are dropped.
 */
function reconcile(
  oldObject: unknown,
  newObject: unknown,
  managers: ManagerSets,
  writer: string,
  force: boolean,
  ctx: UpdaterContext,
): Outcome {
  // The comparison leaves out the ignored fields: no one gains or loses them through this write.
  const comparison = compareObjects(oldObject, newObject, ctx.schema, ctx.ignored);
  const changed = comparison.modified.union(comparison.added);
  const conflicts: Conflict[] = [];
  const out = new Map<string, VersionedSet>();
  for (const [manager, owned] of managers) {
    if (manager === writer) {
      out.set(manager, owned);
      continue;
    }
    const taken = owned.set.intersection(changed);
    if (!force) for (const path of taken.paths()) conflicts.push({ manager, path });
    out.set(manager, { ...owned, set: owned.set.difference(taken).difference(comparison.removed) });
  }
  if (conflicts.length > 0) {
    conflicts.sort((a, b) => compareStrings(a.manager, b.manager));
    return { conflicts };
  }
  for (const [manager, owned] of out) if (owned.set.isEmpty()) out.delete(manager);
  return { managers: out, comparison };
}

/**
 * Ownership after a non-apply write of `newObject` over `liveObject`: the writer's set gains what changed
 * and loses what was removed; everyone else loses both. Never conflicts.
 */
export function updateManagers(
  liveObject: unknown,
  newObject: unknown,
  version: string,
  managers: ManagerSets,
  manager: string,
  ctx: UpdaterContext,
): Map<string, VersionedSet> {
  const outcome = reconcile(liveObject, newObject, managers, manager, true, ctx);
  if ('conflicts' in outcome) throw new Error('a forced update cannot conflict');
  const { managers: out, comparison } = outcome;
  const previous = out.get(manager)?.set ?? FieldSet.EMPTY;
  const set = previous
    .union(comparison.modified)
    .union(comparison.added)
    .difference(comparison.removed)
    .recursiveDifference(ctx.ignored);
  if (set.isEmpty()) out.delete(manager);
  else out.set(manager, { set, apiVersion: version, applied: false });
  return out;
}

/** The outcome of an apply: the new object (undefined when it equals the live one) and the sets. */
export type ApplyOutcome =
  { readonly object: unknown; readonly managers: Map<string, VersionedSet> } | { readonly conflicts: Conflict[] };

/** Merges `config` into `liveObject` for `manager` and works out everyone's ownership (see the file doc). */
export function applyManagers(
  liveObject: unknown,
  config: unknown,
  version: string,
  managers: ManagerSets,
  manager: string,
  force: boolean,
  ctx: UpdaterContext,
): ApplyOutcome {
  const merged = mergeValues(liveObject, config, ctx.schema);
  const lastSet = managers.get(manager);
  const applied = toFieldSet(config, ctx.schema).recursiveDifference(ctx.ignored);
  const withApplier = new Map(managers);
  withApplier.set(manager, { set: applied, apiVersion: version, applied: true });
  const pruned = prune(merged, withApplier, lastSet, ctx.schema);
  const outcome = reconcile(liveObject, pruned, withApplier, manager, force, ctx);
  if ('conflicts' in outcome) return outcome;
  return { object: jsonEqual(liveObject, pruned) ? undefined : pruned, managers: outcome.managers };
}

/**
 * Removes what the applier owned last time and no longer applies, unless another manager (or the new
 * configuration) owns it; what no one owned is left alone.
 */
function prune(merged: unknown, managers: ManagerSets, lastSet: VersionedSet | undefined, schema: SchemaNode): unknown {
  if (lastSet === undefined || lastSet.set.isEmpty()) return merged;
  const named = (set: FieldSet): FieldSet => ensureNamedFieldsAreMembers(set, schema);
  const fieldsOf = (value: unknown): FieldSet => named(toFieldSet(value, schema));
  const mergedSet = fieldsOf(merged);
  // Take out everything the applier had, then put back what anyone still owns.
  let pruned = removeItems(merged, named(lastSet.set), schema);
  let owned = FieldSet.EMPTY;
  for (const { set } of managers.values()) owned = owned.union(set);
  pruned = removeItems(merged, mergedSet.difference(fieldsOf(pruned).union(named(owned))), schema);
  // Only what the applier had may go: put back the rest (unowned fields, e.g. defaults).
  return removeItems(merged, mergedSet.difference(fieldsOf(pruned)).intersection(named(lastSet.set)), schema);
}
