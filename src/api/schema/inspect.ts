/** Reading schemas made with primitives.ts and struct.ts: what shape a schema describes. */
import type { TSchema } from '@sinclair/typebox';

export type Shape = 'struct' | 'map' | 'list' | 'string' | 'integer' | 'number' | 'boolean' | 'int-or-string' | 'any';

export type SchemaRecord = TSchema & Record<string, unknown>;

const record = (s: TSchema): SchemaRecord => s as SchemaRecord;

/** The shape a schema describes. */
export function shapeOf(schema: TSchema): Shape {
  const s = record(schema);
  if (s['x-kubernetes-int-or-string'] === true) return 'int-or-string';
  if (s['x-kubernetes-preserve-unknown-fields'] === true) return 'any';
  switch (s.type) {
    case 'object':
      return s.properties !== undefined ? 'struct' : s.additionalProperties !== undefined ? 'map' : 'any';
    case 'array':
      return 'list';
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      return s.type;
    default:
      return 'any';
  }
}

/** A struct's property schemas. */
export const propertiesOf = (schema: TSchema): Record<string, TSchema> =>
  (record(schema).properties as Record<string, TSchema> | undefined) ?? {};

/** A list's item schema or a map's value schema. */
export function elementOf(schema: TSchema): TSchema {
  const s = record(schema);
  return (s.type === 'array' ? s.items : s.additionalProperties) as TSchema;
}

/** The OpenAPI definition name of a named struct or well-known type. */
export const idOf = (schema: TSchema): string | undefined => record(schema).$id as string | undefined;

/** Go-style name of a schema's type, for decoding error messages (`v1.PodSpec`, `int32`, `[]v1.Container`). */
export function goTypeName(schema: TSchema): string {
  const s = record(schema);
  switch (shapeOf(schema)) {
    case 'struct': {
      const parts = (idOf(schema) ?? 'object').split('.');
      return `${parts[parts.length - 2] ?? ''}.${parts[parts.length - 1] ?? ''}`;
    }
    case 'list':
      return `[]${goTypeName(elementOf(schema))}`;
    case 'map':
      return `map[string]${goTypeName(elementOf(schema))}`;
    case 'integer':
      return s.format === 'int64' ? 'int64' : 'int32';
    case 'number':
      return 'float64';
    case 'int-or-string':
      return idOf(schema)?.endsWith('Quantity') ? 'resource.Quantity' : 'intstr.IntOrString';
    case 'any':
      return 'interface {}';
    default:
      return String(s.type);
  }
}
