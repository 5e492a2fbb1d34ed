/**
 * Kubernetes `Status` errors: one error class carrying the Status the API returns, and one factory per
 * upstream reason, with upstream's message formats (kubectl shows them verbatim).
 */

export const StatusReason = {
  BadRequest: 'BadRequest',
  Unauthorized: 'Unauthorized',
  Forbidden: 'Forbidden',
  NotFound: 'NotFound',
  MethodNotAllowed: 'MethodNotAllowed',
  NotAcceptable: 'NotAcceptable',
  AlreadyExists: 'AlreadyExists',
  Conflict: 'Conflict',
  Gone: 'Gone',
  Expired: 'Expired',
  RequestEntityTooLarge: 'RequestEntityTooLarge',
  UnsupportedMediaType: 'UnsupportedMediaType',
  Invalid: 'Invalid',
  TooManyRequests: 'TooManyRequests',
  InternalError: 'InternalError',
  ServiceUnavailable: 'ServiceUnavailable',
  Timeout: 'Timeout',
} as const;
export type StatusReason = (typeof StatusReason)[keyof typeof StatusReason];

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** The `Status` object of meta.k8s.io/v1 (served as apiVersion v1). */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** A group and a resource (plural), e.g. `{ group: 'apps', resource: 'deployments' }`. */
export interface GroupResource {
  readonly group: string;
  readonly resource: string;
}

/** A group and a kind, e.g. `{ group: 'apps', kind: 'Deployment' }`. */
export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

/** `deployments.apps`, or `pods` for the core group. */
export const groupResourceString = (gr: GroupResource): string =>
  gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
/** `Deployment.apps`, or `Pod` for the core group. */
export const groupKindString = (gk: GroupKind): string => (gk.group ? `${gk.kind}.${gk.group}` : gk.kind);

/** The one error type the API server turns into a response: it carries the whole Status. */
export class StatusError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? status.reason ?? 'unknown error');
    this.name = 'StatusError';
  }

  get code(): number {
    return this.status.code;
  }

  get reason(): string | undefined {
    return this.status.reason;
  }
}

export function failure(code: number, reason: StatusReason, message: string, details?: StatusDetails): StatusError {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details !== undefined) status.details = details;
  return new StatusError(status);
}

export const badRequest = (message: string): StatusError => failure(400, StatusReason.BadRequest, message);

export const unauthorized = (message = 'Unauthorized'): StatusError => failure(401, StatusReason.Unauthorized, message);

export function forbidden(gr: GroupResource, name: string, reason: string): StatusError {
  const what = name ? `${groupResourceString(gr)} "${name}"` : groupResourceString(gr);
  return failure(403, StatusReason.Forbidden, `${what} is forbidden: ${reason}`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });
}

export function notFound(gr: GroupResource, name: string): StatusError {
  return failure(404, StatusReason.NotFound, `${groupResourceString(gr)} "${name}" not found`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });
}

/** The answer for a path that names no resource. */
export const pathNotFound = (): StatusError =>
  failure(404, StatusReason.NotFound, 'the server could not find the requested resource', {});

export function methodNotSupported(gr: GroupResource, verb: string): StatusError {
  return failure(
    405,
    StatusReason.MethodNotAllowed,
    `${verb} is not supported on resources of kind "${groupResourceString(gr)}"`,
    {
      group: gr.group,
      kind: gr.resource,
    },
  );
}

export const notAcceptable = (message: string): StatusError => failure(406, StatusReason.NotAcceptable, message);

export function alreadyExists(gr: GroupResource, name: string): StatusError {
  return failure(409, StatusReason.AlreadyExists, `${groupResourceString(gr)} "${name}" already exists`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });
}

/** 409 Conflict: `Operation cannot be fulfilled on pods "x": <reason>`. */
export function conflict(gr: GroupResource, name: string, reason: string, causes?: StatusCause[]): StatusError {
  const details: StatusDetails = { name, group: gr.group, kind: gr.resource };
  if (causes !== undefined) details.causes = causes;
  return failure(
    409,
    StatusReason.Conflict,
    `Operation cannot be fulfilled on ${groupResourceString(gr)} "${name}": ${reason}`,
    details,
  );
}

/** The message of a resourceVersion conflict, as upstream's registry words it. */
export const OPTIMISTIC_LOCK_MESSAGE =
  'the object has been modified; please apply your changes to the latest version and try again';

/** 410 Expired: a resourceVersion or continue token too old to serve (clients relist). */
export const resourceExpired = (message: string): StatusError => failure(410, StatusReason.Expired, message);

/** 410 Gone: a watch asked for history that compaction removed. */
export const gone = (message: string): StatusError => failure(410, StatusReason.Gone, message);

export const requestEntityTooLarge = (message: string): StatusError =>
  failure(413, StatusReason.RequestEntityTooLarge, `Request entity too large: ${message}`);

export function unsupportedMediaType(contentType: string, accepted: readonly string[]): StatusError {
  return failure(
    415,
    StatusReason.UnsupportedMediaType,
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
    {
      causes: [
        { reason: 'UnexpectedServerResponse', message: `unsupported media type ${JSON.stringify(contentType)}` },
      ],
    },
  );
}

export function tooManyRequests(message: string, retryAfterSeconds: number): StatusError {
  return failure(429, StatusReason.TooManyRequests, message, { retryAfterSeconds });
}

export function internalError(err: unknown): StatusError {
  const message = err instanceof Error ? err.message : String(err);
  return failure(500, StatusReason.InternalError, `Internal error occurred: ${message}`, {
    causes: [{ message }],
  });
}

export function serviceUnavailable(message: string, retryAfterSeconds?: number): StatusError {
  const details = retryAfterSeconds === undefined ? undefined : { retryAfterSeconds };
  return failure(503, StatusReason.ServiceUnavailable, message, details);
}

export const timeout = (message: string): StatusError => failure(504, StatusReason.Timeout, message);

/** A successful Status (as DELETE of a collection, or of an object already gone, returns). */
export function success(details?: StatusDetails): Status {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
  if (details !== undefined) status.details = details;
  return status;
}
