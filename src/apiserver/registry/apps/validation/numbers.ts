/** Range checks on counts, with upstream's wording. */
import { type FieldError, type FieldPath, invalid } from '../../../../machinery/field-errors.js';
import { num } from './json.js';

export const NEGATIVE_MESSAGE = 'must be greater than or equal to 0';

/** ValidateNonnegativeField for a field that may be absent (absent is fine). */
export function nonNegative(value: unknown, path: FieldPath): FieldError[] {
  const n = num(value);
  return n !== undefined && n < 0 ? [invalid(path, n, NEGATIVE_MESSAGE)] : [];
}

/** The same check over several fields of one object, in the given order. */
export const nonNegativeFields = (o: Record<string, unknown>, keys: readonly string[], path: FieldPath): FieldError[] =>
  keys.flatMap((k) => nonNegative(o[k], path.child(k)));

/**
 * Status counts that may not exceed `status.replicas` (`cannot be greater than status.replicas`), and
 * availableReplicas that may not exceed readyReplicas (`readyMessage` words it as the kind's validation does).
 */
export function replicaCountErrors(
  status: Record<string, unknown>,
  boundedByReplicas: readonly string[],
  path: FieldPath,
  readyMessage = 'cannot be greater than readyReplicas',
): FieldError[] {
  const replicas = num(status.replicas) ?? 0;
  const errs: FieldError[] = [];
  for (const key of boundedByReplicas) {
    const n = num(status[key]) ?? 0;
    if (n > replicas) errs.push(invalid(path.child(key), n, 'cannot be greater than status.replicas'));
  }
  const available = num(status.availableReplicas) ?? 0;
  if (available > (num(status.readyReplicas) ?? 0))
    errs.push(invalid(path.child('availableReplicas'), available, readyMessage));
  return errs;
}

/** `collisionCount` may only grow (`cannot be decremented`). */
export function collisionCountErrors(
  status: Record<string, unknown>,
  oldStatus: Record<string, unknown>,
  path: FieldPath,
): FieldError[] {
  const next = num(status.collisionCount);
  const prev = num(oldStatus.collisionCount);
  if (prev === undefined) return [];
  if (next !== undefined && next >= prev) return [];
  return [invalid(path.child('collisionCount'), next ?? 0, 'cannot be decremented')];
}
