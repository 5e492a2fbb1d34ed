/**
 * NodeAffinityArgs (upstream config.NodeAffinityArgs): `addedAffinity`, node affinity the scheduler adds to
 * every pod of the profile — required terms all pods must also match, preferred terms added to each score.
 * Checked as upstream's ValidateNodeAffinityArgs does, with its error paths and wording.
 */
import type { Affinity } from '../../../api/core/v1/affinity.js';
import { errorString, type FieldError, FieldPath, invalid } from '../../../machinery/field-errors.js';
import { CompiledNodeSelector, CompiledPreferredTerms, errorsMessage } from './node-selector.js';

export type NodeAffinity = NonNullable<Affinity['nodeAffinity']>;

export interface NodeAffinityArgs {
  readonly addedAffinity?: NodeAffinity;
}

/** The args compiled for the plugin. */
export interface CompiledNodeAffinityArgs {
  readonly addedNodeSelector?: CompiledNodeSelector;
  readonly addedPreferredTerms?: CompiledPreferredTerms;
}

const KNOWN_FIELDS = new Set(['apiVersion', 'kind', 'addedAffinity']);
const ADDED = FieldPath.root('addedAffinity');

/**
 * Validates and compiles `args` (undefined or null: no added affinity).
 * @throws Error naming the first malformed field, or every invalid requirement as upstream words them
 * (e.g. `addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key: Invalid value: …`).
 */
export function compileNodeAffinityArgs(args: unknown): CompiledNodeAffinityArgs {
  if (args == null) return {};
  if (!isRecord(args)) throw new Error(`args are not of type NodeAffinityArgs, got ${describe(args)}`);
  for (const key of Object.keys(args)) {
    if (!KNOWN_FIELDS.has(key)) throw new Error(`NodeAffinityArgs: unknown field "${key}"`);
  }
  const added = args['addedAffinity'];
  if (added == null) return {};
  if (!isRecord(added)) throw shapeError(invalid(ADDED, describe(added), 'must be an object'));
  const shape = affinityShapeErrors(added);
  if (shape.length > 0) throw shapeError(...shape);

  const affinity = added as NodeAffinity;
  const errors: FieldError[] = [];
  let addedNodeSelector: CompiledNodeSelector | undefined;
  let addedPreferredTerms: CompiledPreferredTerms | undefined;
  const required = affinity.requiredDuringSchedulingIgnoredDuringExecution;
  if (required != null) {
    addedNodeSelector = new CompiledNodeSelector(
      required,
      ADDED.child('requiredDuringSchedulingIgnoredDuringExecution'),
    );
    errors.push(...addedNodeSelector.errors);
  }
  const preferred = affinity.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  if (preferred.length > 0) {
    const compiled = CompiledPreferredTerms.compile(
      preferred,
      ADDED.child('preferredDuringSchedulingIgnoredDuringExecution'),
    );
    if ('errors' in compiled) errors.push(...compiled.errors);
    else addedPreferredTerms = compiled.terms;
  }
  if (errors.length > 0) throw new Error(errorsMessage(errors));
  return {
    ...(addedNodeSelector === undefined ? {} : { addedNodeSelector }),
    ...(addedPreferredTerms === undefined ? {} : { addedPreferredTerms }),
  };
}

/** Structural problems (wrong JSON types) that would keep the terms from being read at all. */
function affinityShapeErrors(affinity: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const required = affinity['requiredDuringSchedulingIgnoredDuringExecution'];
  const requiredPath = ADDED.child('requiredDuringSchedulingIgnoredDuringExecution');
  if (required != null) {
    if (!isRecord(required)) errors.push(invalid(requiredPath, describe(required), 'must be an object'));
    else termListErrors(required['nodeSelectorTerms'], requiredPath.child('nodeSelectorTerms'), errors, (t) => t);
  }
  const preferredPath = ADDED.child('preferredDuringSchedulingIgnoredDuringExecution');
  termListErrors(affinity['preferredDuringSchedulingIgnoredDuringExecution'], preferredPath, errors, (t, p) => {
    if (t['weight'] !== undefined && !Number.isInteger(t['weight'])) {
      errors.push(invalid(p.child('weight'), t['weight'], 'must be an integer'));
    }
    return t['preference'] === undefined ? {} : t['preference'];
  });
  return errors;
}

/** Checks a list of terms; `termOf` picks the NodeSelectorTerm out of each item (and checks the rest). */
function termListErrors(
  list: unknown,
  path: FieldPath,
  errors: FieldError[],
  termOf: (item: Record<string, unknown>, path: FieldPath) => unknown,
): void {
  if (list == null) return;
  if (!Array.isArray(list)) {
    errors.push(invalid(path, describe(list), 'must be an array'));
    return;
  }
  list.forEach((item: unknown, i) => {
    const p = path.index(i);
    if (!isRecord(item)) {
      errors.push(invalid(p, describe(item), 'must be an object'));
      return;
    }
    const term = termOf(item, p);
    const termPath = term === item ? p : p.child('preference');
    if (!isRecord(term)) {
      errors.push(invalid(termPath, describe(term), 'must be an object'));
      return;
    }
    for (const field of ['matchExpressions', 'matchFields'])
      requirementErrors(term[field], termPath.child(field), errors);
  });
}

function requirementErrors(list: unknown, path: FieldPath, errors: FieldError[]): void {
  if (list == null) return;
  if (!Array.isArray(list)) {
    errors.push(invalid(path, describe(list), 'must be an array'));
    return;
  }
  list.forEach((r: unknown, i) => {
    const p = path.index(i);
    if (!isRecord(r)) return errors.push(invalid(p, describe(r), 'must be an object'));
    if (typeof r['key'] !== 'string') errors.push(invalid(p.child('key'), describe(r['key']), 'must be a string'));
    if (typeof r['operator'] !== 'string') {
      errors.push(invalid(p.child('operator'), describe(r['operator']), 'must be a string'));
    }
    const values = r['values'];
    if (values != null && !(Array.isArray(values) && values.every((v) => typeof v === 'string'))) {
      errors.push(invalid(p.child('values'), describe(values), 'must be an array of strings'));
    }
    return undefined;
  });
}

function shapeError(...errors: FieldError[]): Error {
  return new Error(errors.map(errorString).join(', '));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
