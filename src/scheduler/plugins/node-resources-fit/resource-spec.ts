/**
 * The resources a resource-allocation score looks at, with weights (upstream config ResourceSpec), as both
 * NodeResourcesFit's scoring strategy and NodeResourcesBalancedAllocation configure them. Defaults follow
 * upstream's v1 defaulting: no list means cpu and memory with weight 1; a missing or zero weight means 1.
 */
import type { FieldPath } from '../../../machinery/field-errors.js';
import { CPU, MEMORY } from '../../framework/resource.js';
import type { ArgsReader } from './args-reader.js';

/** A resource and its weight as written in the configuration (weight 0 or absent: 1). */
export interface ResourceSpecArgs {
  readonly name: string;
  readonly weight?: number;
}

/** A resource and its weight after defaulting. */
export interface ResourceSpec {
  readonly name: string;
  readonly weight: number;
}

export const DEFAULT_RESOURCES: readonly ResourceSpec[] = Object.freeze([
  Object.freeze({ name: CPU, weight: 1 }),
  Object.freeze({ name: MEMORY, weight: 1 }),
]);

/** Reads a `resources` list with defaults applied; type errors go to `reader`, range checks are the caller's. */
export function readResourceSpecs(reader: ArgsReader, value: unknown, path: FieldPath): ResourceSpec[] {
  const items = reader.list(value, path);
  if (items.length === 0) return [...DEFAULT_RESOURCES];
  const out: ResourceSpec[] = [];
  items.forEach((item, i) => {
    const itemPath = path.index(i);
    const fields = reader.object(item, itemPath, ['name', 'weight']);
    if (fields === undefined) return;
    const name = reader.string(fields.name, itemPath.child('name')) ?? '';
    const weight = reader.integer(fields.weight, itemPath.child('weight')) ?? 0;
    out.push({ name, weight: weight === 0 ? 1 : weight });
  });
  return out;
}
