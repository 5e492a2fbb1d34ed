/**
 * The building blocks of API schemas. Each is a JSON Schema (built with TypeBox, so TypeScript derives the
 * static type) carrying what OpenAPI, validation, patching and protobuf decoding need. Well-known
 * apimachinery types are recognised by their `$id`.
 */
import {
  type TSchema,
  type TString,
  type TInteger,
  type TBoolean,
  type TNumber,
  type TArray,
  Type,
} from '@sinclair/typebox';

export const TIME_ID = 'io.k8s.apimachinery.pkg.apis.meta.v1.Time';
export const MICRO_TIME_ID = 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime';
export const QUANTITY_ID = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
export const INT_OR_STRING_ID = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
export const RAW_EXTENSION_ID = 'io.k8s.apimachinery.pkg.runtime.RawExtension';
export const DURATION_ID = 'io.k8s.apimachinery.pkg.apis.meta.v1.Duration';

export const str = (options: { enum?: readonly string[]; format?: string } = {}): TString =>
  Type.String(options.enum ? { enum: [...options.enum] } : options.format ? { format: options.format } : {});
export const int32 = (): TInteger => Type.Integer({ format: 'int32' });
export const int64 = (): TInteger => Type.Integer({ format: 'int64' });
export const bool = (): TBoolean => Type.Boolean();
export const float64 = (): TNumber => Type.Number({ format: 'double' });
/** Bytes: base64 text in JSON, a bytes field in protobuf. */
export const bytes = (): TString => Type.String({ format: 'byte' });

/** metav1.Time: RFC 3339 text in JSON, `{seconds, nanos}` in protobuf. */
export const time = (): TString => Type.String({ format: 'date-time', $id: TIME_ID });
/** metav1.MicroTime: RFC 3339 with microseconds. */
export const microTime = (): TString => Type.String({ format: 'date-time', $id: MICRO_TIME_ID });
/** metav1.Duration: Go duration text, e.g. `1h2m3s`. */
export const duration = (): TString => Type.String({ $id: DURATION_ID });

/** resource.Quantity: `500m`, `1Gi`; JSON numbers are accepted and become text. */
export const quantity = () =>
  Type.Unsafe<string>({
    type: 'string',
    $id: QUANTITY_ID,
    'x-kubernetes-int-or-string': true,
    anyOf: [{ type: 'integer' }, { type: 'string' }],
  });

/** intstr.IntOrString: `8080` or `http`, `25%`. */
export const intOrString = () =>
  Type.Unsafe<number | string>({
    $id: INT_OR_STRING_ID,
    'x-kubernetes-int-or-string': true,
    anyOf: [{ type: 'integer' }, { type: 'string' }],
  });

/** Any JSON object, kept as given (runtime.RawExtension and preserve-unknown-fields). */
export const rawObject = () =>
  Type.Unsafe<Record<string, unknown>>({
    type: 'object',
    $id: RAW_EXTENSION_ID,
    'x-kubernetes-preserve-unknown-fields': true,
  });

/** Any JSON value, kept as given (e.g. apiextensions JSON). */
export const anyValue = () => Type.Unsafe<unknown>({ 'x-kubernetes-preserve-unknown-fields': true });

export const arrayOf = <T extends TSchema>(items: T): TArray<T> => Type.Array(items);

/** A map with string keys (`map<string, V>` in protobuf). */
export const mapOf = <T extends TSchema>(values: T) =>
  Type.Unsafe<Record<string, import('@sinclair/typebox').Static<T>>>({ type: 'object', additionalProperties: values });

/** `map<string,string>`: labels, annotations, selectors. */
export const stringMap = () => mapOf(Type.String());
