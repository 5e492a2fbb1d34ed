/**
 * What a failed call means, as controllers ask it. Each predicate takes any thrown value (false for non-Status
 * errors) and, like apimachinery's, trusts the Status reason first and falls back to the HTTP code only when
 * the reason is not one it knows.
 */
import { StatusError, StatusReason } from '../../machinery/status.js';

const KNOWN_REASONS: ReadonlySet<string> = new Set<string>([
  ...Object.values(StatusReason),
  'ServerTimeout',
  'StoreReadError',
]);

function reasonAndCode(err: unknown): [string, number] {
  if (err instanceof StatusError) return [err.status.reason ?? '', err.status.code];
  return ['', 0];
}

function byReasonOrCode(reason: string, code: number): (err: unknown) => boolean {
  return (err) => {
    const [r, c] = reasonAndCode(err);
    return r === reason || (!KNOWN_REASONS.has(r) && c === code);
  };
}

/** 404: the object (or the resource) does not exist. */
export const isNotFound = byReasonOrCode(StatusReason.NotFound, 404);
/** 409 Conflict: an update lost a resourceVersion race; re-read and retry. */
export const isConflict = byReasonOrCode(StatusReason.Conflict, 409);
/** 409 AlreadyExists: a create found the name taken. */
export const isAlreadyExists = (err: unknown): boolean => reasonAndCode(err)[0] === StatusReason.AlreadyExists;
/** 410 Gone: a watch asked for history that compaction removed. */
export const isGone = byReasonOrCode(StatusReason.Gone, 410);
/** 410 Expired: a resourceVersion or continue token too old to serve. */
export const isExpired = (err: unknown): boolean => reasonAndCode(err)[0] === StatusReason.Expired;
/** Either kind of 410: the cached resourceVersion is useless, relist. */
export const isGoneOrExpired = (err: unknown): boolean => reasonAndCode(err)[1] === 410 || isExpired(err);
/** 422: the object failed validation. */
export const isInvalid = byReasonOrCode(StatusReason.Invalid, 422);
/** 403. */
export const isForbidden = byReasonOrCode(StatusReason.Forbidden, 403);
/** 401. */
export const isUnauthorized = byReasonOrCode(StatusReason.Unauthorized, 401);
/** 400. */
export const isBadRequest = byReasonOrCode(StatusReason.BadRequest, 400);
/** 429, whatever the reason says. */
export const isTooManyRequests = (err: unknown): boolean =>
  reasonAndCode(err)[0] === StatusReason.TooManyRequests || reasonAndCode(err)[1] === 429;
/** 500. */
export const isInternalError = byReasonOrCode(StatusReason.InternalError, 500);
/** 503. */
export const isServiceUnavailable = byReasonOrCode(StatusReason.ServiceUnavailable, 503);
/** 504 Timeout: the server gave up, the operation may still complete. */
export const isTimeout = byReasonOrCode(StatusReason.Timeout, 504);
