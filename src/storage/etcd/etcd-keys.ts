import type { IKeyValue } from 'etcd3';
import type { KeyValue } from '../store.js';

/**
 * Maps store keys to etcd keys under an optional prefix (so several stores can share one etcd), and etcd's
 * key-values back to the store's. Keys are UTF-8 text on the store side and bytes on the etcd side.
 */
export class EtcdKeys {
  constructor(private readonly prefix: string) {}

  /** The etcd key for a store key. */
  encode(key: string): Buffer {
    return Buffer.from(this.prefix + key, 'utf8');
  }

  /** The store key for an etcd key under this prefix. */
  decode(raw: Buffer): string {
    return raw.toString('utf8').slice(this.prefix.length);
  }

  /**
   * The etcd range [start, end) of every key starting with `prefix`. etcd refuses an empty key, so the
   * empty prefix (with no store prefix) starts at the zero byte, which with end "\0" means "all keys".
   */
  range(prefix: string): { start: Buffer; end: Buffer } {
    const start = this.encode(prefix);
    return { start: start.length === 0 ? Buffer.from([0]) : start, end: bytesAfterPrefix(start) };
  }

  /** The range from `from` (inclusive) to the end of `prefix`'s range: the rest of a paged listing. */
  rangeFrom(from: string, prefix: string): { start: Buffer; end: Buffer } {
    const start = this.encode(from);
    return { start: start.length === 0 ? Buffer.from([0]) : start, end: this.range(prefix).end };
  }

  /** The store's view of an etcd key-value. */
  keyValue(kv: IKeyValue): KeyValue {
    return {
      key: this.decode(kv.key),
      value: kv.value,
      createRevision: Number(kv.create_revision),
      modRevision: Number(kv.mod_revision),
    };
  }
}

/** The smallest byte string greater than every string starting with `prefix` (etcd's prefix range end). */
function bytesAfterPrefix(prefix: Buffer): Buffer {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const byte = prefix[i] ?? 0xff;
    if (byte < 0xff) {
      const end = Buffer.from(prefix.subarray(0, i + 1));
      end[i] = byte + 1;
      return end;
    }
  }
  // Empty, or all 0xff bytes: "\0" is etcd's "to the end of the keyspace".
  return Buffer.from([0]);
}
