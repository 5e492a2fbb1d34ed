/**
 * Fields of an embedded (inlined) Go struct. JSON flattens them into the parent object, but protobuf keeps
 * the embedded struct as one message field of the parent: `ConfigMapEnvSource.name` travels as field 1
 * (`localObjectReference`) holding a `LocalObjectReference` whose field 1 is `name`.
 *
 * Such a field carries `x-protobuf` = its number inside the embedded message and `x-protobuf-embedded` =
 * the embedded message's number in the parent. A protobuf codec groups the parent's fields by
 * `x-protobuf-embedded` and reads or writes each group as one nested message.
 */
import type { TSchema } from '@sinclair/typebox';
import { field, type FieldOptions } from '../../schema/struct.js';

export const PROTOBUF_EMBEDDED = 'x-protobuf-embedded';

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
