/**
 * ApiError: a failed API call, carrying the Status the server returned (or one built from the HTTP code when
 * the body was not a Status, with upstream client-go's wording), and the predicates controllers branch on.
 * TransportError: the request never got an HTTP answer (connection refused, reset, timed out).
 */
import { type Status, StatusError, StatusReason } from '../../machinery/status.js';
import { isRecord } from '../kube-object.js';

/** A non-2xx answer from the API server (or an ERROR watch event). */
export class ApiError extends StatusError {
  constructor(status: Status, options?: { cause?: unknown }) {
    super(status);
    this.name = 'ApiError';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** No HTTP answer: the connection failed, was reset, or the request timed out. Always worth a retry. */
export class TransportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransportError';
  }
}

/** What the failed request was about, for the message of a Status the client has to make up. */
export interface RequestContext {
  /** The HTTP method, e.g. `GET`. */
  readonly verb: string;
  /** `pods`, `deployments.apps`; empty when unknown. */
  readonly resource?: string;
  readonly group?: string;
  readonly name?: string;
}

const GENERIC: Readonly<Record<number, readonly [StatusReason, string]>> = {
  400: [StatusReason.BadRequest, 'the server rejected our request for an unknown reason'],
  401: [StatusReason.Unauthorized, 'the server has asked for the client to provide credentials'],
  404: [StatusReason.NotFound, 'the server could not find the requested resource'],
  405: [StatusReason.MethodNotAllowed, 'the server does not allow this method on the requested resource'],
  409: [StatusReason.Conflict, 'the server reported a conflict'],
  422: [StatusReason.Invalid, 'the server rejected our request due to an error in our request'],
  429: [StatusReason.TooManyRequests, 'the server has received too many requests and has asked us to try again later'],
  503: [StatusReason.ServiceUnavailable, 'the server is currently unable to handle the request'],
  504: [
    StatusReason.Timeout,
    'the server was unable to return a response in the time allotted, but may still be processing the request',
  ],
};

/**
 * The ApiError for an HTTP answer with status `code` and body `body`: the body's own Status when it is one,
 * else a Status made up as client-go does (reason from the code, the server's text kept as a cause).
 */
export function apiErrorFromResponse(
  code: number,
  body: string,
  context: RequestContext,
  retryAfterSeconds?: number,
): ApiError {
  const parsed = tryParse(body);
  if (isStatus(parsed)) {
    const status: Status = { ...parsed, code: typeof parsed.code === 'number' && parsed.code > 0 ? parsed.code : code };
    return new ApiError(status);
  }
  const serverMessage = body.trim() === '' ? 'unknown' : body.trim();
  let reason: string = '';
  let message = `the server responded with the status code ${code} but did not return more information`;
  const known = GENERIC[code];
  if (known !== undefined) [reason, message] = known;
  if (code === 409 && context.verb.toUpperCase() === 'POST') reason = StatusReason.AlreadyExists;
  if (code === 403) [reason, message] = [StatusReason.Forbidden, serverMessage];
  if (code === 406) [reason, message] = [StatusReason.NotAcceptable, serverMessage];
  if (code === 415) [reason, message] = [StatusReason.UnsupportedMediaType, serverMessage];
  if (known === undefined && code >= 500) {
    reason = StatusReason.InternalError;
    message = `an error on the server (${JSON.stringify(serverMessage)}) has prevented the request from succeeding`;
  }
  const resource = context.resource ? (context.group ? `${context.resource}.${context.group}` : context.resource) : '';
  if (resource !== '') {
    const verb = context.verb.toLowerCase();
    message = context.name ? `${message} (${verb} ${resource} ${context.name})` : `${message} (${verb} ${resource})`;
  }
  const status: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    code,
    reason,
    message,
    details: {
      group: context.group ?? '',
      kind: context.resource ?? '',
      name: context.name ?? '',
      causes: [{ reason: 'UnexpectedServerResponse', message: serverMessage }],
      ...(retryAfterSeconds !== undefined && retryAfterSeconds > 0 ? { retryAfterSeconds } : {}),
    },
  };
  return new ApiError(status);
}

/** The ApiError of a Status object (as an ERROR watch event carries); a made-up 500 for anything else. */
export function apiErrorFromStatusObject(object: unknown): ApiError {
  if (isStatus(object)) return new ApiError({ ...object, code: object.code ?? 500 });
  return apiErrorFromResponse(500, JSON.stringify(object) ?? '', { verb: 'WATCH' });
}

function tryParse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function isStatus(value: unknown): value is Status {
  return isRecord(value) && value['kind'] === 'Status' && (value['status'] === 'Failure' || 'code' in value);
}
