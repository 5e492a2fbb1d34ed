/**
 * Kubernetes protobuf request bodies: the `k8s\0` envelope around a runtime.Unknown (typeMeta, raw,
 * contentEncoding, contentType), and the message in `raw` decoded into JSON by the kind's schema, whose
 * fields carry their protobuf numbers.
 */
import type { TSchema } from '@sinclair/typebox';
import { elementOf, idOf, propertiesOf, type SchemaRecord, shapeOf } from '../../api/schema/inspect.js';
import { DURATION_ID, INT_OR_STRING_ID, MICRO_TIME_ID, QUANTITY_ID, TIME_ID } from '../../api/schema/primitives.js';
import { PROTOBUF, PROTOBUF_EMBEDDED } from '../../api/schema/struct.js';
import { ProtobufError, WireReader, WireType } from './wire.js';

export const PROTOBUF_MAGIC = Uint8Array.from([0x6b, 0x38, 0x73, 0x00]);

export interface Envelope {
  readonly apiVersion: string;
  readonly kind: string;
  readonly raw: Uint8Array;
}

/** The envelope of a protobuf body. @throws ProtobufError for anything else. */
export function decodeEnvelope(body: Uint8Array): Envelope {
  if (body.length < 4 || !PROTOBUF_MAGIC.every((b, i) => body[i] === b)) {
    throw new ProtobufError('the body does not start with the Kubernetes protobuf prefix');
  }
  const r = new WireReader(body.subarray(4));
  let apiVersion = '';
  let kind = '';
  let raw: Uint8Array = new Uint8Array();
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WireType.LengthDelimited) {
      const tm = new WireReader(r.bytes());
      while (!tm.done) {
        const t = tm.tag();
        if (t.field === 1 && t.wire === WireType.LengthDelimited) apiVersion = text(tm.bytes());
        else if (t.field === 2 && t.wire === WireType.LengthDelimited) kind = text(tm.bytes());
        else tm.skip(t.wire);
      }
    } else if (field === 2 && wire === WireType.LengthDelimited) {
      raw = r.bytes();
    } else if ((field === 3 || field === 4) && wire === WireType.LengthDelimited) {
      const value = text(r.bytes());
      if (field === 3 && value !== '') throw new ProtobufError(`unsupported content encoding ${value}`);
    } else {
      r.skip(wire);
    }
  }
  return { apiVersion, kind, raw };
}

const decoder = new TextDecoder('utf-8', { fatal: false });
const text = (b: Uint8Array): string => decoder.decode(b);

interface FieldInfo {
  readonly name: string;
  readonly schema: TSchema;
}

/** A message's fields by number; an embedded struct's number maps to the table of its own fields. */
type FieldTable = Map<number, FieldInfo | { readonly embedded: FieldTable }>;

const fieldTables = new WeakMap<TSchema, FieldTable>();

function fieldsByNumber(schema: TSchema): FieldTable {
  let table = fieldTables.get(schema);
  if (table === undefined) {
    table = new Map();
    for (const [name, child] of Object.entries(propertiesOf(schema))) {
      const n = (child as SchemaRecord)[PROTOBUF];
      if (typeof n !== 'number') continue;
      const outer = (child as SchemaRecord)[PROTOBUF_EMBEDDED];
      if (typeof outer === 'number') {
        let group = table.get(outer);
        if (group === undefined || !('embedded' in group)) {
          group = { embedded: new Map() };
          table.set(outer, group);
        }
        group.embedded.set(n, { name, schema: child });
      } else {
        table.set(n, { name, schema: child });
      }
    }
    fieldTables.set(schema, table);
  }
  return table;
}

/** Decodes a message of a struct schema into a JSON object. */
export function decodeMessage(bytes: Uint8Array, schema: TSchema): Record<string, unknown> {
  return decodeFields(bytes, fieldsByNumber(schema), {});
}

function decodeFields(bytes: Uint8Array, table: FieldTable, out: Record<string, unknown>): Record<string, unknown> {
  const r = new WireReader(bytes);
  while (!r.done) {
    const { field, wire } = r.tag();
    const info = table.get(field);
    if (info === undefined) {
      r.skip(wire);
      continue;
    }
    if ('embedded' in info) {
      // An embedded Go struct: its fields land in this object, as JSON inlines them.
      decodeFields(expectBytes(r, wire), info.embedded, out);
      continue;
    }
    const shape = shapeOf(info.schema);
    if (shape === 'list') {
      const list = (out[info.name] as unknown[] | undefined) ?? [];
      out[info.name] = list;
      const element = elementOf(info.schema);
      const elementShape = shapeOf(element);
      if (wire === WireType.LengthDelimited && (elementShape === 'integer' || elementShape === 'boolean')) {
        const packed = new WireReader(r.bytes());
        while (!packed.done) list.push(scalar(packed, WireType.Varint, element));
      } else {
        list.push(value(r, wire, element));
      }
    } else if (shape === 'map') {
      const map = (out[info.name] as Record<string, unknown> | undefined) ?? {};
      out[info.name] = map;
      const entry = new WireReader(expectBytes(r, wire));
      let key = '';
      let val: unknown;
      while (!entry.done) {
        const t = entry.tag();
        if (t.field === 1) key = text(expectBytes(entry, t.wire));
        else if (t.field === 2) val = mapValue(entry, t.wire, elementOf(info.schema));
        else entry.skip(t.wire);
      }
      map[key] = val ?? defaultOf(elementOf(info.schema));
    } else {
      // Go writes non-pointer fields even when empty: an empty string or a zero time means absent.
      const v = value(r, wire, info.schema);
      if (v !== '' && v !== undefined) out[info.name] = v;
      else delete out[info.name];
    }
  }
  return out;
}

/**
 * A map value. Go's `map[string][]string` (authentication's ExtraValue) travels as a message whose field 1
 * repeats the items; every other value is itself.
 */
function mapValue(r: WireReader, wire: number, schema: TSchema): unknown {
  if (shapeOf(schema) !== 'list') return value(r, wire, schema);
  const items: unknown[] = [];
  const inner = new WireReader(expectBytes(r, wire));
  while (!inner.done) {
    const t = inner.tag();
    if (t.field === 1) items.push(value(inner, t.wire, elementOf(schema)));
    else inner.skip(t.wire);
  }
  return items;
}

function expectBytes(r: WireReader, wire: number): Uint8Array {
  if (wire !== WireType.LengthDelimited)
    throw new ProtobufError(`expected a length-delimited field, got wire type ${wire}`);
  return r.bytes();
}

function defaultOf(schema: TSchema): unknown {
  const shape = shapeOf(schema);
  return shape === 'string' ? '' : shape === 'integer' || shape === 'number' ? 0 : shape === 'boolean' ? false : {};
}

function value(r: WireReader, wire: number, schema: TSchema): unknown {
  const id = idOf(schema);
  if (id === TIME_ID || id === MICRO_TIME_ID) return timeValue(expectBytes(r, wire), id === MICRO_TIME_ID);
  if (id === QUANTITY_ID) return stringField(expectBytes(r, wire), 1);
  if (id === DURATION_ID) return durationValue(expectBytes(r, wire));
  if (id === INT_OR_STRING_ID) return intOrString(expectBytes(r, wire));
  switch (shapeOf(schema)) {
    case 'struct':
      return decodeMessage(expectBytes(r, wire), schema);
    case 'any':
      return rawJson(expectBytes(r, wire));
    default:
      return scalar(r, wire, schema);
  }
}

function scalar(r: WireReader, wire: number, schema: TSchema): unknown {
  const s = schema as SchemaRecord;
  switch (shapeOf(schema)) {
    case 'string':
      if (s.format === 'byte') return Buffer.from(expectBytes(r, wire)).toString('base64');
      return text(expectBytes(r, wire));
    case 'integer':
      if (wire !== WireType.Varint) throw new ProtobufError(`expected a varint, got wire type ${wire}`);
      return r.int();
    case 'boolean':
      if (wire !== WireType.Varint) throw new ProtobufError(`expected a varint, got wire type ${wire}`);
      return r.varint() !== 0n;
    case 'number':
      if (wire === WireType.Fixed64) return r.fixed64().getFloat64(0, true);
      if (wire === WireType.Fixed32) return r.fixed32().getFloat32(0, true);
      throw new ProtobufError(`expected a fixed-width number, got wire type ${wire}`);
    default:
      r.skip(wire);
      return undefined;
  }
}

/** runtime.RawExtension / FieldsV1 / JSON: field 1 holds JSON bytes. */
function rawJson(bytes: Uint8Array): unknown {
  const raw = stringField(bytes, 1);
  if (raw === '') return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new ProtobufError('an embedded raw object is not JSON');
  }
}

function stringField(bytes: Uint8Array, n: number): string {
  const r = new WireReader(bytes);
  let out = '';
  while (!r.done) {
    const t = r.tag();
    if (t.field === n && t.wire === WireType.LengthDelimited) out = text(r.bytes());
    else r.skip(t.wire);
  }
  return out;
}

function timeValue(bytes: Uint8Array, micro: boolean): string | undefined {
  const r = new WireReader(bytes);
  let seconds = 0;
  let nanos = 0;
  while (!r.done) {
    const t = r.tag();
    if (t.field === 1 && t.wire === WireType.Varint) seconds = r.int();
    else if (t.field === 2 && t.wire === WireType.Varint) nanos = r.int();
    else r.skip(t.wire);
  }
  if (seconds === 0 && nanos === 0) return undefined;
  const iso = new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, '');
  return micro ? `${iso}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${iso}Z`;
}

function durationValue(bytes: Uint8Array): string {
  const r = new WireReader(bytes);
  let nanos = 0;
  while (!r.done) {
    const t = r.tag();
    if (t.field === 1 && t.wire === WireType.Varint) nanos = r.int();
    else r.skip(t.wire);
  }
  const seconds = nanos / 1e9;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${Number(s.toFixed(9))}s`;
}

function intOrString(bytes: Uint8Array): number | string {
  const r = new WireReader(bytes);
  let type = 0;
  let intVal = 0;
  let strVal = '';
  while (!r.done) {
    const t = r.tag();
    if (t.field === 1 && t.wire === WireType.Varint) type = r.int();
    else if (t.field === 2 && t.wire === WireType.Varint) intVal = r.int();
    else if (t.field === 3 && t.wire === WireType.LengthDelimited) strVal = text(r.bytes());
    else r.skip(t.wire);
  }
  return type === 1 ? strVal : intVal;
}
