/**
 * For strategy tests: runs a strategy's hooks in the registry's order (prepare → schema and kind
 * defaults → validate) and returns the errors as upstream prints them.
 */
import { applyDefaults } from '../../../../api/schema/defaults.js';
import type { KindDefinition } from '../../../../api/schema/kind.js';
import { errorString } from '../../../../machinery/field-errors.js';
import type { ApiObject, Strategy, StrategyContext } from '../../strategy.js';

export const TEST_CONTEXT: StrategyContext = { now: new Date('2024-05-01T10:00:00Z') };

function defaults(kind: KindDefinition, obj: ApiObject): void {
  applyDefaults(obj, kind.schema);
  kind.defaults?.(obj);
}

/** The object as the registry would store it on create, and the validation errors. */
export function create(
  strategy: Strategy,
  kind: KindDefinition,
  input: ApiObject,
): { obj: ApiObject; errors: string[] } {
  const obj = structuredClone(input);
  strategy.prepareForCreate?.(obj, TEST_CONTEXT);
  defaults(kind, obj);
  return { obj, errors: (strategy.validate?.(obj, TEST_CONTEXT) ?? []).map(errorString) };
}

/** The object as the registry would store it on update of the main resource, and the validation errors. */
export function update(
  strategy: Strategy,
  kind: KindDefinition,
  input: ApiObject,
  old: ApiObject,
): { obj: ApiObject; errors: string[] } {
  const obj = structuredClone(input);
  if (strategy.prepareForUpdate) strategy.prepareForUpdate(obj, old, TEST_CONTEXT);
  else if ('status' in old) obj.status = old.status;
  defaults(kind, obj);
  return { obj, errors: (strategy.validateUpdate?.(obj, old, TEST_CONTEXT) ?? []).map(errorString) };
}

/** The object as the registry would store it on a status update, and the validation errors. */
export function updateStatus(
  strategy: Strategy,
  kind: KindDefinition,
  input: ApiObject,
  old: ApiObject,
): { obj: ApiObject; errors: string[] } {
  const obj = structuredClone(input);
  strategy.prepareForStatusUpdate?.(obj, old, TEST_CONTEXT);
  defaults(kind, obj);
  return { obj, errors: (strategy.validateStatusUpdate?.(obj, old, TEST_CONTEXT) ?? []).map(errorString) };
}

/** A stored object: what `create` makes of `input`, which must be valid. */
export function stored(strategy: Strategy, kind: KindDefinition, input: ApiObject): ApiObject {
  const { obj, errors } = create(strategy, kind, input);
  if (errors.length > 0) throw new Error(`fixture is invalid: ${errors.join('; ')}`);
  return obj;
}
