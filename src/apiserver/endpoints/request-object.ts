/**
 * Turning a request body into an object of the resource's kind: decoding (JSON, YAML, protobuf), the
 * apiVersion/kind check, type checks against the schema and unknown fields per `fieldValidation`.
 */
import { apiVersionOf } from '../../api/schema/kind.js';
import { conform } from '../../api/schema/conform.js';
import { badRequest } from '../../machinery/status.js';
import { decodeEnvelope, decodeMessage } from '../protobuf/decode.js';
import { ProtobufError } from '../protobuf/wire.js';
import type { ApiObject } from '../registry/strategy.js';
import type { Resource } from '../registry/generic/resource.js';
import { BODY_MEDIA_TYPES, parseDocument, requireMediaType } from '../request/body.js';

export const FieldValidation = { Strict: 'Strict', Warn: 'Warn', Ignore: 'Ignore' } as const;
export type FieldValidation = (typeof FieldValidation)[keyof typeof FieldValidation];

/** The fieldValidation query parameter (default Warn, as upstream). @throws StatusError 400 when unknown. */
export function fieldValidationOf(query: URLSearchParams): FieldValidation {
  const value = query.get('fieldValidation') ?? 'Warn';
  if (value === '') return 'Warn';
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore') return value;
  throw badRequest(`fieldValidation parameter unsupported: ${value}. Valid values are: Ignore, Warn, Strict`);
}

/** Decodes a create/update body. Warnings (unknown fields under Warn) are appended to `warnings`. */
export function decodeObjectBody(
  body: Buffer,
  mediaType: string,
  resource: Resource,
  validation: FieldValidation,
  warnings: string[],
): ApiObject {
  // A body without a Content-Type is read as JSON, as upstream does (`kubectl replace --raw` sends none).
  if (mediaType === '') mediaType = 'application/json';
  requireMediaType(mediaType, BODY_MEDIA_TYPES);
  let value: unknown;
  if (mediaType === 'application/vnd.kubernetes.protobuf') {
    try {
      const envelope = decodeEnvelope(body);
      checkTypeMeta(envelope.apiVersion, envelope.kind, resource);
      value = {
        apiVersion: envelope.apiVersion,
        kind: envelope.kind,
        ...decodeMessage(envelope.raw, resource.kind.schema),
      };
    } catch (err) {
      if (err instanceof ProtobufError) throw badRequest(`the body could not be decoded as protobuf: ${err.message}`);
      throw err;
    }
  } else {
    value = parseDocument(body, mediaType);
  }
  return checkObject(value, resource, validation, warnings, body);
}

/** Checks a decoded value is an object of the resource's kind and conforms it to the schema. */
export function checkObject(
  value: unknown,
  resource: Resource,
  validation: FieldValidation,
  warnings: string[],
  body?: Buffer,
): ApiObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest(
      `the body of the request must be a JSON or YAML object, not ${Array.isArray(value) ? 'an array' : String(value)}`,
    );
  }
  const obj = value as ApiObject;
  // As upstream's decoder does, a body without kind or apiVersion takes them from the URL.
  if (obj.kind !== undefined && typeof obj.kind !== 'string') {
    const shown = body === undefined ? '' : body.toString('utf8').slice(0, 200);
    throw badRequest(`Object 'Kind' is missing in '${shown}'`);
  }
  checkTypeMeta(typeof obj.apiVersion === 'string' ? obj.apiVersion : '', obj.kind || resource.kind.kind, resource);
  obj.kind = resource.kind.kind;
  obj.apiVersion = apiVersionOf(resource.kind);
  applyFieldChecks(obj, resource, validation, warnings);
  return obj;
}

/** Type checks and unknown fields of an object already known to be of the resource's kind. */
export function applyFieldChecks(
  obj: ApiObject,
  resource: Resource,
  validation: FieldValidation,
  warnings: string[],
): void {
  const { kind, version } = resource.kind;
  const result = conform(obj, resource.kind.schema);
  if (result.typeErrors.length > 0) {
    throw badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${result.typeErrors[0]}`);
  }
  if (result.unknownFields.length === 0 || validation === 'Ignore') return;
  const messages = result.unknownFields.map((f) => `unknown field "${f}"`);
  if (validation === 'Strict') throw badRequest(`strict decoding error: ${messages.join(', ')}`);
  warnings.push(...messages);
}

function checkTypeMeta(apiVersion: string, kind: string, resource: Resource): void {
  const expected = apiVersionOf(resource.kind);
  if (apiVersion !== '' && apiVersion !== expected) {
    throw badRequest(
      `the API version in the data (${apiVersion}) does not match the expected API version (${expected})`,
    );
  }
  if (kind !== resource.kind.kind) {
    throw badRequest(`the kind in the data (${kind}) does not match the expected kind (${resource.kind.kind})`);
  }
}
