/**
 * Decoded FieldsV1 values remembered by their JSON text. Objects of one kind carry the same few field
 * sets over and over (every pod of a ReplicaSet, every write by the same controller), and decoding a set
 * costs far more than printing its JSON. Field sets are immutable, so one decoded set serves every object
 * that carries its FieldsV1; and a set a write leaves as it was (set operations with nothing to do return
 * the set itself) is encoded again from the JSON it came from.
 */
import { FieldSet } from './field-set.js';
import type { JsonObject } from '../patch/json-value.js';
import { decodeFieldsV1, encodeFieldsV1 } from './fields-v1.js';

/** How many sets a memo keeps before it starts over. */
const DEFAULT_LIMIT = 1024;

export class FieldsV1Memo {
  private readonly sets = new Map<string, FieldSet>();
  /** The JSON of remembered sets whose FieldsV1 was already in canonical form (what encodeFieldsV1 writes). */
  private readonly canonical = new WeakMap<FieldSet, string>();

  constructor(private readonly limit = DEFAULT_LIMIT) {}

  /**
   * The set a FieldsV1 value (JSON: from a request body or from storage) encodes, as {@link decodeFieldsV1}.
   * @throws Error as decodeFieldsV1 does for a malformed value (failures are not remembered).
   */
  decode(value: unknown): FieldSet {
    if (value === null || value === undefined) return FieldSet.EMPTY;
    const key = JSON.stringify(value);
    let set = this.sets.get(key);
    if (set === undefined) {
      set = decodeFieldsV1(value);
      if (this.sets.size >= this.limit) this.sets.clear();
      this.sets.set(key, set);
      if (JSON.stringify(encodeFieldsV1(set)) === key) this.canonical.set(set, key);
    }
    return set;
  }

  /**
   * The FieldsV1 object of a set, as {@link encodeFieldsV1} writes it (a fresh object each time). A set this
   * memo decoded from canonical JSON is not encoded again: its JSON is parsed instead, which is cheaper.
   */
  encode(set: FieldSet): JsonObject {
    const json = this.canonical.get(set);
    return json === undefined ? encodeFieldsV1(set) : (JSON.parse(json) as JsonObject);
  }

  /**
   * Whether `set` came from {@link FieldsV1Memo.decode} of a value whose JSON is exactly what
   * encodeFieldsV1 writes for it: that value (unchanged since) may then stand for the set's encoding.
   */
  decodedFromCanonical(set: FieldSet): boolean {
    return this.canonical.has(set);
  }

  /** How many sets are remembered. */
  get size(): number {
    return this.sets.size;
  }
}
