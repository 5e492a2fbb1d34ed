/**
 * The three ways kube-apiserver reports a patch that cannot be applied, so each patch type can say which
 * one an error is without knowing the Status shapes.
 */
import { badRequest, failure, type Status, StatusError, StatusReason } from '../status.js';

/** What a 422 from a failed patch always says: upstream replaces the patch library's own message with it. */
export const PATCH_UNPROCESSABLE_MESSAGE = 'the server rejected our request due to an error in our request';

/** Attaches the patch library's own words as the error's `cause`, for logs (the Status never shows them). */
function withCause(error: StatusError, detail: string): StatusError {
  (error as Error).cause = new Error(detail);
  return error;
}

/** 400 BadRequest with the message as given: a patch body that cannot be decoded or is malformed. */
export const patchBadRequest = (message: string): StatusError => badRequest(message);

/**
 * 422 Invalid, as upstream's generic server response for 422 words it: the message is always
 * {@link PATCH_UNPROCESSABLE_MESSAGE} and `details` is empty; `detail` (e.g. `testing value /a failed:
 * test failed`) becomes the error's `cause`.
 */
export function patchUnprocessable(detail: string): StatusError {
  return withCause(failure(422, StatusReason.Invalid, PATCH_UNPROCESSABLE_MESSAGE, {}), detail);
}

/**
 * 500 with no reason and the error's own text as the message: what upstream answers for a patch error
 * that is not a Status (most strategic merge patch errors, such as a list element without its merge key).
 */
export function patchServerError(message: string): StatusError {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 };
  return new StatusError(status);
}
