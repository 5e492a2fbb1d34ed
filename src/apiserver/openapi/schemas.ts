/**
 * API schemas as OpenAPI: named structs become component definitions referenced by `$ref`; field metadata
 * (patch strategy, list type…) stays as upstream's `x-kubernetes-*` extensions; protobuf numbers are dropped.
 */
import type { TSchema } from '@sinclair/typebox';
import { elementOf, idOf, propertiesOf, type SchemaRecord, shapeOf } from '../../api/schema/inspect.js';
import {
  INT_OR_STRING_ID,
  QUANTITY_ID,
  RAW_EXTENSION_ID,
  TIME_ID,
  MICRO_TIME_ID,
} from '../../api/schema/primitives.js';

export type Json = Record<string, unknown>;

/** Definitions collected while converting, by name. */
export type Definitions = Map<string, Json>;

const FIELD_KEYS = [
  'description',
  'default',
  'x-kubernetes-patch-strategy',
  'x-kubernetes-patch-merge-key',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
] as const;

const WELL_KNOWN: Record<string, Json> = {
  [TIME_ID]: {
    type: 'string',
    format: 'date-time',
    description: 'Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.',
  },
  [MICRO_TIME_ID]: {
    type: 'string',
    format: 'date-time',
    description: 'MicroTime is version of Time with microsecond level precision.',
  },
  [QUANTITY_ID]: {
    type: 'string',
    description: 'Quantity is a fixed-point representation of a number, e.g. 500m, 1Gi.',
  },
  [INT_OR_STRING_ID]: {
    type: 'string',
    format: 'int-or-string',
    description: 'IntOrString is a type that can hold an int32 or a string.',
  },
  [RAW_EXTENSION_ID]: { type: 'object', description: 'RawExtension is used to hold extensions in external versions.' },
};

/** The OpenAPI form of `schema`, registering named structs in `defs`. */
export function toOpenApi(schema: TSchema, refPrefix: string, defs: Definitions, v3: boolean): Json {
  const s = schema as SchemaRecord;
  const id = idOf(schema);
  const fieldMeta: Json = {};
  for (const key of FIELD_KEYS) if (s[key] !== undefined) fieldMeta[key] = s[key];
  if (id !== undefined) {
    if (!defs.has(id)) {
      defs.set(id, {});
      defs.set(id, WELL_KNOWN[id] ?? body(schema, refPrefix, defs, v3));
    }
    const ref = { $ref: `${refPrefix}${id}` };
    // v3 wraps every reference in allOf, as upstream's documents do (kubectl explain names types from it).
    if (v3) return { allOf: [ref], ...fieldMeta };
    return { ...ref, ...fieldMeta };
  }
  return { ...body(schema, refPrefix, defs, v3), ...fieldMeta };
}

function body(schema: TSchema, refPrefix: string, defs: Definitions, v3: boolean): Json {
  const s = schema as SchemaRecord;
  switch (shapeOf(schema)) {
    case 'struct': {
      const properties: Json = {};
      for (const [name, child] of Object.entries(propertiesOf(schema)))
        properties[name] = toOpenApi(child, refPrefix, defs, v3);
      const out: Json = { type: 'object', properties };
      if (typeof s.description === 'string') out.description = s.description;
      if (Array.isArray(s.required)) out.required = s.required;
      if (s['x-kubernetes-map-type'] !== undefined) out['x-kubernetes-map-type'] = s['x-kubernetes-map-type'];
      return out;
    }
    case 'list':
      return { type: 'array', items: toOpenApi(elementOf(schema), refPrefix, defs, v3) };
    case 'map':
      return { type: 'object', additionalProperties: toOpenApi(elementOf(schema), refPrefix, defs, v3) };
    case 'int-or-string':
      return { type: 'string', format: 'int-or-string', 'x-kubernetes-int-or-string': true };
    case 'any':
      return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    case 'string': {
      const out: Json = { type: 'string' };
      if (typeof s.format === 'string') out.format = s.format;
      if (Array.isArray(s.enum)) out.enum = s.enum;
      return out;
    }
    case 'integer':
      return { type: 'integer', format: typeof s.format === 'string' ? s.format : 'int32' };
    case 'number':
      return { type: 'number', format: 'double' };
    case 'boolean':
      return { type: 'boolean' };
  }
}
