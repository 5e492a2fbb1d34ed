/**
 * Structs (protobuf messages, Go structs) and their fields. A field carries its protobuf number and the
 * metadata upstream's OpenAPI carries as `x-kubernetes-*` extensions, so one schema yields the TS type,
 * validation, OpenAPI, patch merge rules and protobuf decoding.
 */
import { type Static, type TObject, type TOptional, type TSchema, Type } from '@sinclair/typebox';

export const PROTOBUF = 'x-protobuf';
/**
 * Fields of an embedded (inlined) Go struct: JSON flattens them into the parent, protobuf keeps them in one
 * nested message. Such a field's `x-protobuf` is its number inside that message, and this key holds the
 * message's number in the parent.
 */
export const PROTOBUF_EMBEDDED = 'x-protobuf-embedded';

export interface FieldOptions {
  /** Strategic merge patch strategy: `merge`, `replace`, `retainKeys`, `merge,retainKeys`. */
  readonly patchStrategy?: string;
  readonly patchMergeKey?: string;
  /** Server-side apply list semantics. */
  readonly listType?: 'atomic' | 'set' | 'map';
  readonly listMapKeys?: readonly string[];
  readonly mapType?: 'atomic' | 'granular';
  /** Applied when the field is absent from an object that is present. */
  readonly default?: unknown;
  readonly description?: string;
}

/** A field: `schema` with its protobuf number and field-level metadata. The schema itself is not changed. */
export function field<T extends TSchema>(protobuf: number, schema: T, options: FieldOptions = {}): T {
  const out: Record<string, unknown> = { ...schema, [PROTOBUF]: protobuf };
  if (options.patchStrategy !== undefined) out['x-kubernetes-patch-strategy'] = options.patchStrategy;
  if (options.patchMergeKey !== undefined) out['x-kubernetes-patch-merge-key'] = options.patchMergeKey;
  if (options.listType !== undefined) out['x-kubernetes-list-type'] = options.listType;
  if (options.listMapKeys !== undefined) out['x-kubernetes-list-map-keys'] = [...options.listMapKeys];
  if (options.mapType !== undefined) out['x-kubernetes-map-type'] = options.mapType;
  if (options.default !== undefined) out.default = options.default;
  if (options.description !== undefined) out.description = options.description;
  return out as T;
}

/** Fields of a list keyed by `name` (containers, env, volumes…): merge by name, a map list for apply. */
export const byName = {
  patchStrategy: 'merge',
  patchMergeKey: 'name',
  listType: 'map',
  listMapKeys: ['name'],
} as const;

/** A JSON field that protobuf carries as field `inner` of the embedded message at field `outer`. */
export function embeddedField<T extends TSchema>(
  outer: number,
  inner: number,
  schema: T,
  options: FieldOptions = {},
): T {
  return { ...field(inner, schema, options), [PROTOBUF_EMBEDDED]: outer } as T;
}

/** Marks every field of `fields` (made with `field`) as carried inside the embedded message at `outer`. */
export function embedFields<P extends Record<string, TSchema>>(outer: number, fields: P): P {
  return Object.fromEntries(
    Object.entries(fields).map(([name, schema]) => [name, { ...schema, [PROTOBUF_EMBEDDED]: outer }]),
  ) as unknown as P;
}

export interface StructOptions {
  readonly description?: string;
  /** Fields the OpenAPI document lists as required. */
  readonly required?: readonly string[];
  /** `atomic` structs are replaced as a whole by apply. */
  readonly structType?: 'atomic';
}

type Optionals<P extends Record<string, TSchema>> = { [K in keyof P]: TOptional<P[K]> };

/**
 * A struct named by its OpenAPI definition name (`io.k8s.api.core.v1.Container`); every field optional in
 * the static type, as in JSON. Each property must be made with {@link field}.
 */
export function struct<P extends Record<string, TSchema>>(
  id: string,
  properties: P,
  options: StructOptions = {},
): TObject<Optionals<P>> {
  const optional = Object.fromEntries(
    Object.entries(properties).map(([k, s]) => [k, Type.Optional(s)]),
  ) as Optionals<P>;
  const schema = Type.Object(optional, { $id: id, additionalProperties: false });
  if (options.description !== undefined) schema.description = options.description;
  if (options.required !== undefined && options.required.length > 0) schema.required = [...options.required];
  if (options.structType !== undefined)
    (schema as Record<string, unknown>)['x-kubernetes-map-type'] = options.structType;
  return schema;
}

export type { Static };
