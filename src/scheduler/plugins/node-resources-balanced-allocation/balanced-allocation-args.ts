/**
 * NodeResourcesBalancedAllocation's arguments (upstream NodeResourcesBalancedAllocationArgs,
 * kubescheduler.config.k8s.io/v1): the resources whose balance is scored. Defaults to cpu and memory; a missing
 * or zero weight means 1. Upstream's validation: no resource twice, and every weight exactly 1 (weights play no
 * part in the balance).
 */
import { duplicate, FieldPath, invalid } from '../../../machinery/field-errors.js';
import { ArgsReader } from '../node-resources-fit/args-reader.js';
import { readResourceSpecs, type ResourceSpec, type ResourceSpecArgs } from '../node-resources-fit/resource-spec.js';

/** `pluginConfig[].args` of NodeResourcesBalancedAllocation, as written in a KubeSchedulerConfiguration. */
export interface NodeResourcesBalancedAllocationArgs {
  readonly resources?: readonly ResourceSpecArgs[];
}

/**
 * Defaults and validates the args (undefined: cpu and memory).
 * @throws Error listing every invalid field, in upstream's `field: Invalid value: …` wording.
 */
export function parseBalancedAllocationArgs(args: unknown): readonly ResourceSpec[] {
  const reader = new ArgsReader();
  const root = FieldPath.root('');
  const fields = reader.object(args, root, ['resources']) ?? {};
  const path = root.child('resources');
  const resources = readResourceSpecs(reader, fields.resources, path);
  const seen = new Set<string>();
  resources.forEach((r, i) => {
    if (seen.has(r.name)) reader.add(duplicate(path.index(i).child('name'), r.name));
    else seen.add(r.name);
    if (r.weight !== 1) reader.add(invalid(path.index(i).child('weight'), r.weight, 'must be 1'));
  });
  reader.throwIfAny();
  return resources;
}
