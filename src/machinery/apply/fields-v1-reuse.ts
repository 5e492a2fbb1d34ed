/**
 * The FieldsV1 objects of one write's input, kept to stand for their sets in the write's result. Most
 * managers' sets come out of a write as they went in (the same immutable FieldSet), and their input
 * FieldsV1 already is the exact JSON encodeFieldsV1 would write (the memo knows which inputs are): handing
 * that object on saves encoding (or re-parsing) every untouched entry on every write.
 *
 * One per write: it holds the request's objects, which must not outlive it or leak into other objects.
 */
import { isJsonObject, type JsonObject } from '../patch/json-value.js';
import type { FieldSet } from './field-set.js';
import type { FieldsV1Memo } from './fields-v1-memo.js';

export class FieldsV1Reuse {
  /** Input objects by the set they decoded to; only objects whose JSON is the set's canonical encoding. */
  private readonly objects = new Map<FieldSet, JsonObject>();

  constructor(private readonly memo: FieldsV1Memo) {}

  /** The set of a FieldsV1 value, as FieldsV1Memo.decode; remembers the value when it may stand for it. */
  decode(value: unknown): FieldSet {
    const set = this.memo.decode(value);
    if (isJsonObject(value) && !this.objects.has(set) && this.memo.decodedFromCanonical(set)) {
      this.objects.set(set, value);
    }
    return set;
  }

  /**
   * The FieldsV1 object of a set: an input object that encodes it exactly, else a fresh encoding. Each
   * input object is handed out once, so no two entries of a result share one.
   */
  encode(set: FieldSet): JsonObject {
    const object = this.objects.get(set);
    if (object === undefined) return this.memo.encode(set);
    this.objects.delete(set);
    return object;
  }
}
