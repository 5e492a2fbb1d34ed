/**
 * Job conditions as the controller writes them: a new condition stamps both probe and transition times;
 * ensuring a condition replaces one of the same type only when its status, reason or message differ, and
 * never adds a condition whose status is False (going from nothing to False means nothing).
 */
import { findCondition, type JobCondition } from './job-api.js';
import { rfc3339 } from '../../machinery/rfc3339.js';

/** Kubernetes' second-precision RFC 3339 (`2024-01-01T00:00:00Z`). */
export { rfc3339 };

export function newCondition(
  type: string,
  status: string,
  reason: string,
  message: string,
  nowMs: number,
): JobCondition {
  const at = rfc3339(nowMs);
  return { type, status, lastProbeTime: at, lastTransitionTime: at, reason, message };
}

/**
 * `conditions` with the condition of `type` set to `status`/`reason`/`message` (upstream
 * ensureJobConditionStatus). Returns the (possibly same) list and whether anything changed.
 */
export function ensureCondition(
  conditions: readonly JobCondition[],
  type: string,
  status: string,
  reason: string,
  message: string,
  nowMs: number,
): [JobCondition[], boolean] {
  const existing = findCondition(conditions, type);
  if (existing !== undefined) {
    if (existing.status === status && (existing.reason ?? '') === reason && (existing.message ?? '') === message) {
      return [[...conditions], false];
    }
    const fresh = newCondition(type, status, reason, message, nowMs);
    return [conditions.map((c) => (c === existing ? fresh : c)), true];
  }
  if (status !== 'False') return [[...conditions, newCondition(type, status, reason, message, nowMs)], true];
  return [[...conditions], false];
}
