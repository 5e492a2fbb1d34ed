/**
 * Checks a decoded JSON object against its kind's schema, as upstream's JSON decoding into Go structs does:
 * a value of the wrong type is a decoding error (400); fields the schema does not know are collected (for
 * fieldValidation Strict/Warn) and dropped; `null` means absent; JSON numbers in quantities become text.
 * Mutates the object in place.
 */
import type { TSchema } from '@sinclair/typebox';
import { elementOf, goTypeName, idOf, propertiesOf, shapeOf } from './inspect.js';
import { QUANTITY_ID } from './primitives.js';

export interface ConformResult {
  /** Paths of unknown fields, e.g. `spec.foo`, `spec.containers[0].bar`. */
  readonly unknownFields: string[];
  /** Decoding errors, in Go's wording: `json: cannot unmarshal string into Go struct field …`. */
  readonly typeErrors: string[];
}

/** Conforms `obj` to `schema`. */
export function conform(obj: Record<string, unknown>, schema: TSchema): ConformResult {
  const result: ConformResult = { unknownFields: [], typeErrors: [] };
  conformStruct(obj, schema, '', structName(schema), result);
  return result;
}

const structName = (schema: TSchema): string => (idOf(schema) ?? '').split('.').pop() ?? '';

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value;
}

function conformStruct(
  obj: Record<string, unknown>,
  schema: TSchema,
  path: string,
  owner: string,
  r: ConformResult,
): void {
  const properties = propertiesOf(schema);
  for (const key of Object.keys(obj)) {
    const childPath = path === '' ? key : `${path}.${key}`;
    const child = properties[key];
    if (child === undefined) {
      r.unknownFields.push(childPath);
      delete obj[key];
      continue;
    }
    const value = obj[key];
    if (value === null) {
      delete obj[key];
      continue;
    }
    const replaced = conformValue(value, child, childPath, owner, r);
    if (replaced !== value) obj[key] = replaced;
  }
}

/** Returns the (possibly normalised) value. */
function conformValue(value: unknown, schema: TSchema, path: string, owner: string, r: ConformResult): unknown {
  const fail = (): unknown => {
    r.typeErrors.push(
      `json: cannot unmarshal ${jsonType(value)} into Go struct field ${owner}.${path} of type ${goTypeName(schema)}`,
    );
    return value;
  };
  switch (shapeOf(schema)) {
    case 'struct':
      if (jsonType(value) !== 'object') return fail();
      conformStruct(value as Record<string, unknown>, schema, path, structName(schema) || owner, r);
      return value;
    case 'map': {
      if (jsonType(value) !== 'object') return fail();
      const map = value as Record<string, unknown>;
      const element = elementOf(schema);
      for (const [k, v] of Object.entries(map)) {
        if (v === null) continue;
        const replaced = conformValue(v, element, `${path}[${k}]`, owner, r);
        if (replaced !== v) map[k] = replaced;
      }
      return value;
    }
    case 'list': {
      if (!Array.isArray(value)) return fail();
      const element = elementOf(schema);
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item === null) continue;
        const replaced = conformValue(item, element, `${path}[${i}]`, owner, r);
        if (replaced !== item) value[i] = replaced;
      }
      return value;
    }
    case 'string':
      return typeof value === 'string' ? value : fail();
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? value : fail();
    case 'number':
      return typeof value === 'number' ? value : fail();
    case 'boolean':
      return typeof value === 'boolean' ? value : fail();
    case 'int-or-string':
      if (typeof value === 'string') return value;
      if (typeof value !== 'number') return fail();
      if (idOf(schema) === QUANTITY_ID) return String(value);
      return Number.isInteger(value) ? value : fail();
    case 'any':
      return value;
  }
}
